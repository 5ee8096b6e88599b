package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which screens a person may open, by the rights the center gave them (getProfile), and where they land after the
 * login: every role sees only the screens its rights allow (the center refuses the calls anyway). Center staff have
 * no card verification, so their console opens on their first screen.
 */
public final class Screens {
    private static final Logger LOG = LoggerFactory.getLogger(Screens.class);
    /** Paths of the card-verification screens (個別認証, 一括認証, QRコード, シール作成). */
    private static final List<String> CARD_VERIFICATION = List.of("/verify", "/bulk", "/qr", "/seal");
    /** The screens in the order of the tabs, each with the rights that open it (any of them). */
    private static final Map<String, List<String>> HOME_ORDER = new LinkedHashMap<>();

    static {
        HOME_ORDER.put("/verify", List.of("VERIFY_CARD"));
        HOME_ORDER.put("/applications", List.of("INSTITUTION_USER_APPLICATION", "INSURER_USER_APPLICATION",
                "INSTITUTION_APPLICATION", "INSURER_APPLICATION", "USER_REGISTRATION", "ORGANISATION_REGISTRATION",
                "ORGANISATION_VIEWING"));
        HOME_ORDER.put("/keys", List.of("USER_REGISTRATION"));
        HOME_ORDER.put("/logs", List.of("SERVICE_LOG_VIEWING"));
        HOME_ORDER.put("/usage", List.of("SERVICE_LOG_VIEWING", "SYSTEM_MONITORING"));
        HOME_ORDER.put("/history", List.of("VIEW_VERIFICATION_RESULTS"));
    }

    private Screens() {
    }

    /** The first screen of the tabs the person may open; the password change when none. */
    public static String home(PortalUser user) {
        return HOME_ORDER.entrySet().stream().filter(screen -> user.mayAny(screen.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse("/password");
    }

    /** True for a path of the card-verification screens, which need {@code VERIFY_CARD}. */
    static boolean isCardVerification(String path) {
        return CARD_VERIFICATION.stream().anyMatch(screen -> path.equals(screen) || path.startsWith(screen + "/"));
    }

    /** The one 403 page of the portal: the screen is not for this person (logged; the center is not asked). */
    public static void forbidden(Pages pages, HttpServletResponse response, PortalUser user, String screen)
            throws IOException {
        LOG.warn("{} ({}) opened {} without the right", user == null ? null : user.center().userId(),
                user == null ? null : user.profile().getRole(), screen);
        pages.render(response, 403, "message", Map.of("title", "権限がありません",
                "message", "この画面（" + screen + "）を利用する権限がありません。"));
    }
}
