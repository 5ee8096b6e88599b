package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.qr.SealPayload;
import jp.hokensho.portal.qr.SealSession;
import jp.hokensho.portal.verify.JapaneseFormat;
import jp.hokensho.portal.verify.ResultView;
import jp.hokensho.portal.verify.VerificationForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 個別認証: the form (target date today in Japan by default) and, after [実行], the answer laid out like the
 * source screen. Card data travels only in the POST body and is never logged.
 */
public final class VerifyServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyServlet.class);
    static final String SEAL_READ = "シールの内容を入力しました。対象年月日などを確認して［実行］を押してください。";
    private static final Map<String, String> NOTICES = Map.of("password-changed", "パスワードを変更しました。");

    private final transient Pages pages;
    private final transient Clock clock;

    public VerifyServlet(Pages pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(JapaneseFormat.JAPAN));
        // A card read from a seal on the QRコード page only fills the form: the person checks it and presses [実行].
        Optional<SealPayload> seal = SealSession.takeFill(request.getSession(false));
        Map<String, Object> model = model(request, seal.map(card -> new VerificationForm(card.insurerNumber(),
                card.symbol(), card.number(), card.branchNumber(), today.toString(), ""))
                .orElse(VerificationForm.empty(today)), Map.of());
        seal.ifPresent(card -> model.put("notice", SEAL_READ));
        String notice = request.getParameter("notice");
        if (notice != null && NOTICES.containsKey(notice)) {
            model.put("notice", NOTICES.get(notice));
        }
        pages.render(response, 200, "verify", model);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        VerificationForm form = VerificationForm.from(request::getParameter);
        Map<String, String> errors = form.validate();
        if (!errors.isEmpty()) {
            pages.render(response, 400, "verify", model(request, form, errors));
            return;
        }
        EligibilityAnswer answer;
        try {
            answer = user.center().verify(form.toQuery());
        } catch (CenterRequestRefused e) {
            Map<String, String> refused = new LinkedHashMap<>();
            refused.put(e.field() == null ? "" : e.field(), "入力内容が認証センターで受け付けられませんでした（" + e.code()
                    + "）。入力内容をご確認ください");
            pages.render(response, 400, "verify", model(request, form, refused));
            return;
        } catch (CenterRefused e) {
            LOG.warn("verification by {} refused by the center; session ended", user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
            return;
        } catch (CenterUnavailable e) {
            LOG.warn("verification by {}: {}", user.center().userId(), e.getMessage());
            Map<String, Object> model = model(request, form, Map.of());
            model.put("failure", LoginServlet.CENTER_DOWN);
            pages.render(response, 503, "verify", model);
            return;
        }
        LOG.info("verification {} by {}: {}", answer.getVerificationNumber(), user.center().userId(),
                answer.getResultCode());
        if (answer.getResultCode() == ResultCode.VALID) {
            SealSession.verified(request.getSession(), form.toQuery());
        } else {
            SealSession.notVerified(request.getSession());
        }
        Map<String, Object> model = model(request, form, Map.of());
        model.put("result", ResultView.of(answer));
        pages.render(response, 200, "verify", model);
    }

    private static Map<String, Object> model(HttpServletRequest request, VerificationForm form,
                                             Map<String, String> errors) {
        Map<String, Object> model = PageModel.of(request, "verify");
        model.put("form", form);
        model.put("errors", errors);
        model.put("insurerNumberPattern", VerificationForm.INSURER_NUMBER_PATTERN);
        model.put("branchNumberPattern", VerificationForm.BRANCH_NUMBER_PATTERN);
        model.put("maxLength", VerificationForm.MAX_SYMBOL_NUMBER_LENGTH);
        return model;
    }
}
