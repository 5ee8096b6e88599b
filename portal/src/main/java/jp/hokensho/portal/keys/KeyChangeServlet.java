package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.admin.KeyRenewal;
import jp.hokensho.contract.admin.KeyRevocation;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 鍵の更新 and 鍵の失効: GET shows the key with what the action will do and asks to confirm; the POST does it. A
 * renewal's new key goes to the {@link KeyHandover} page; a revocation answers with the key as revoked.
 */
public final class KeyChangeServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(KeyChangeServlet.class);

    /** What the screen does. */
    public enum Action { RENEW, REVOKE }

    private final transient Pages pages;
    private final Action action;

    public KeyChangeServlet(Pages pages, Action action) {
        this.pages = pages;
        this.action = action;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        String serial = serial(request);
        List<KeySummary> keys = KeyScreens.call(request, response, pages, user, admin -> admin.listKeys(null));
        if (keys == null) {
            return;
        }
        KeySummary key = keys.stream().filter(k -> k.getSerialNumber().equals(serial)).findFirst().orElse(null);
        if (key == null) {
            pages.render(response, 404, "message", Map.of("title", "鍵が見つかりません",
                    "message", "シリアル番号 " + serial + " の鍵はありません。"));
            return;
        }
        Map<String, Object> model = PageModel.of(request, "keys");
        model.put("key", KeyRow.of(key));
        model.put("action", action.name());
        pages.render(response, 200, "key-confirm", model);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        String serial = serial(request);
        try {
            if (action == Action.RENEW) {
                renew(request, response, user, serial);
            } else {
                revoke(request, response, user, serial);
            }
        } catch (CenterRequestRefused e) {
            LOG.info("{} of key {} by {} refused: {}", action, serial, user.center().userId(), e.getMessage());
            pages.render(response, 400, "message", Map.of("title", action == Action.RENEW
                            ? "鍵を更新できません" : "鍵を失効できません",
                    "message", switch (e.code()) {
                        case "KEY_NOT_FOUND" -> "シリアル番号 " + serial + " の鍵はありません。";
                        case "KEY_NOT_RENEWABLE" -> "この鍵は更新できません（失効済み・期限切れ・更新済みのいずれか）。"
                                + "必要なら新しい鍵を発行してください。";
                        default -> KeyIssueServlet.refusal(e);
                    }));
        }
    }

    private void renew(HttpServletRequest request, HttpServletResponse response, PortalUser user, String serial)
            throws IOException {
        KeyRenewal renewal = KeyScreens.call(request, response, pages, user, admin -> admin.renewKey(serial));
        if (renewal == null) {
            return;
        }
        KeyHandover handover = KeyHandover.keep(request.getSession(), renewal.getIssued(),
                KeyRow.of(renewal.getOldKey()));
        LOG.info("{} renewed key {} by {}", user.center().userId(), serial,
                renewal.getIssued().getKey().getSerialNumber());
        response.sendRedirect(request.getContextPath() + "/keys/issued?id=" + handover.id);
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response, PortalUser user, String serial)
            throws IOException {
        KeyRevocation revocation = KeyScreens.call(request, response, pages, user, admin -> admin.revokeKey(serial));
        if (revocation == null) {
            return;
        }
        LOG.warn("{} revoked key {} of {}", user.center().userId(), serial,
                revocation.getKey().getOrganisationCode());
        Map<String, Object> model = PageModel.of(request, "keys");
        model.put("key", KeyRow.of(revocation.getKey()));
        model.put("alreadyRevoked", revocation.isAlreadyRevoked());
        pages.render(response, 200, "key-revoked", model);
    }

    /** Serial numbers are decimal; full-width digits typed or pasted are accepted. */
    private static String serial(HttpServletRequest request) {
        String serial = FormValues.halfWidth(FormValues.trimmed(request.getParameter("serial")));
        return serial.matches("[0-9]{1,49}") ? serial : "";
    }
}
