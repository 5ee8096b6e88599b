package jp.hokensho.center.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.ExpiringKey;
import jp.hokensho.center.persistence.Database;

/**
 * {@code /health}'s {@code keysExpiringSoon}: the organisation keys that end within
 * {@code center.keys.expiry-warning-days} and were not renewed. Listed, but they leave the status alone: DEGRADED
 * means verifications are failing now, and a key that still works fails none; it would also keep the status
 * DEGRADED for weeks, teaching operators and alerts to ignore it.
 */
public final class ExpiringKeysHealth implements HealthSection {
    private final CertificateStore certificates;
    private final Duration warning;

    public ExpiringKeysHealth(CertificateStore certificates, Duration warning) {
        this.certificates = certificates;
        this.warning = warning;
    }

    public static ExpiringKeysHealth of(Database database, CenterSettings settings, Clock clock) {
        return new ExpiringKeysHealth(new CertificateStore(database, clock),
                Duration.ofDays(settings.getInt("center.keys.expiry-warning-days")));
    }

    @Override
    public String name() {
        return "keysExpiringSoon";
    }

    @Override
    public Reading read() {
        List<String> keys = new ArrayList<>();
        for (ExpiringKey key : certificates.expiringWithin(warning)) {
            keys.add("{\"organisationCode\":" + quoted(escaped(key.organisationCode())) + ",\"serialNumber\":"
                    + quoted(key.serial()) + ",\"notAfter\":" + quoted(key.notAfter()) + "}");
        }
        return new Reading("[" + String.join(",", keys) + "]", false);
    }

    /** Organisation codes are typed by the staff: keep the JSON well-formed whatever they hold. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
