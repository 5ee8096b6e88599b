package jp.hokensho.portal.qr;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import jp.hokensho.contract.types.EligibilityQuery;

/**
 * The cards a browser session holds for seals, in server memory only (never in a URL, cookie or the browser's
 * storage): the last card verified as valid, the seal being shown, and a card read from a seal for the form.
 */
public final class SealSession {
    private static final String VERIFIED = "portal.seal.verified";
    private static final String SHOWN = "portal.seal.shown";
    private static final String FILL = "portal.seal.fill";

    private SealSession() {
    }

    /** A card the center has just answered as valid: the only kind a seal is made for. */
    public static void verified(HttpSession session, EligibilityQuery query) {
        try {
            session.setAttribute(VERIFIED, new SealPayload(query.getInsurerNumber(), query.getSymbol(),
                    query.getNumber(), query.getBranchNumber()));
        } catch (IllegalArgumentException e) {
            // A symbol or number the seal format cannot carry (a '|'): this card gets no seal.
            session.removeAttribute(VERIFIED);
        }
    }

    /** Any other answer: no seal for the card on the screen. */
    public static void notVerified(HttpSession session) {
        session.removeAttribute(VERIFIED);
    }

    static Optional<SealPayload> lastVerified(HttpSession session) {
        return Optional.ofNullable((SealPayload) session.getAttribute(VERIFIED));
    }

    static void show(HttpSession session, SealPayload seal) {
        session.setAttribute(SHOWN, seal);
    }

    static Optional<SealPayload> shown(HttpSession session) {
        return Optional.ofNullable(session == null ? null : (SealPayload) session.getAttribute(SHOWN));
    }

    static void fillForm(HttpSession session, SealPayload seal) {
        session.setAttribute(FILL, seal);
    }

    /** The card read from a seal for the single-verification form, once. */
    public static Optional<SealPayload> takeFill(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        SealPayload seal = (SealPayload) session.getAttribute(FILL);
        session.removeAttribute(FILL);
        return Optional.ofNullable(seal);
    }
}
