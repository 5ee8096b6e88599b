package jp.hokensho.center;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jp.hokensho.center.monitoring.ManagementAccess;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.center.soap.TlsSetup;
import jp.hokensho.contract.TransportRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP only on loopback: refuses, before the database opens or anything binds, a configuration that would
 * serve SOAP without TLS, or {@code /health} and {@code /metrics} without TLS and credentials, on another host.
 */
final class TransportChecks {
    static final String TLS_KEYSTORE = "center.tls.keystore.path";
    static final String TLS_PASSWORD = "center.tls.keystore.password";
    static final String MANAGEMENT_HOST = "center.management.host";
    static final String MANAGEMENT_USER = "center.management.user";
    static final String MANAGEMENT_PASSWORD_HASH = "center.management.password-hash";
    private static final Pattern PBKDF2_HASH =
            Pattern.compile("pbkdf2\\$\\d{4,9}\\$[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*");
    private static final Logger LOG = LoggerFactory.getLogger(TransportChecks.class);

    private TransportChecks() {
    }

    static void requireTlsOffLoopback(CenterSettings settings) {
        String host = settings.get("center.http.host");
        boolean tls = settings.getOrNull(TLS_KEYSTORE) != null;
        if (!tls && !TransportRule.isLoopbackHost(host)) {
            refuse("center.http.host " + host + " is not a loopback address and plain HTTP is served only on loopback:"
                    + " set " + TLS_KEYSTORE + " and " + TLS_PASSWORD
                    + " (a server key issued by the center's CA), or bind center.http.host to 127.0.0.1");
        }
        if (managementOffLoopback(settings)) {
            List<String> missing = new ArrayList<>();
            if (!tls) {
                missing.add(TLS_KEYSTORE);
            }
            if (settings.getOrNull(MANAGEMENT_USER) == null) {
                missing.add(MANAGEMENT_USER);
            }
            if (settings.getOrNull(MANAGEMENT_PASSWORD_HASH) == null) {
                missing.add(MANAGEMENT_PASSWORD_HASH);
            }
            String hash = settings.getOrNull(MANAGEMENT_PASSWORD_HASH);
            if (hash != null && !PBKDF2_HASH.matcher(hash).matches()) {
                refuse(MANAGEMENT_PASSWORD_HASH + " is not a PBKDF2 hash of the form pbkdf2$iterations$salt$hash"
                        + " (Base64)");
            }
            if (!missing.isEmpty()) {
                refuse(MANAGEMENT_HOST + " " + settings.get(MANAGEMENT_HOST) + " is not a loopback address and /health"
                        + " and /metrics are served there only over HTTPS with credentials: set "
                        + String.join(", ", missing) + ", or bind " + MANAGEMENT_HOST + " to 127.0.0.1");
            }
        }
    }

    /** HTTPS and Basic credentials for the management endpoint off loopback; null (plain HTTP) on loopback. */
    static ManagementAccess managementAccess(CenterSettings settings) {
        if (!managementOffLoopback(settings)) {
            return null;
        }
        return new ManagementAccess(TlsSetup.serverContext(settings.getPath(TLS_KEYSTORE),
                settings.get(TLS_PASSWORD).toCharArray()), settings.get(MANAGEMENT_USER),
                settings.get(MANAGEMENT_PASSWORD_HASH),
                new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations")));
    }

    private static boolean managementOffLoopback(CenterSettings settings) {
        return settings.getInt("center.management.port") >= 0
                && !TransportRule.isLoopbackHost(settings.get(MANAGEMENT_HOST));
    }

    private static void refuse(String message) {
        LOG.error("refusing to start: {}", message);
        throw new IllegalStateException(message);
    }
}
