package jp.hokensho.insurer.sync;

import java.time.Duration;

import jp.hokensho.insurer.AdapterSettings;

/**
 * How a pre-stored insurer's adapter reaches the center's card registry, and how it syncs.
 *
 * @param registryUrl             the CardRegistryService endpoint ({@code adapter.center.registry-url})
 * @param centerCertificateAlias  the center's certificate in the adapter's truststore (encryption, pinning)
 * @param username                a user of the insurer's organisation with the card-data right
 * @param password                that user's password
 * @param interval                zero: no periodic sync inside the server (the {@code sync} command only)
 * @param chunkSize               cards per registerCards call (1..1000, the contract's limit)
 * @param timeout                 how long one call may take before the run fails (and resumes next time)
 */
public record SyncSettings(String registryUrl, String centerCertificateAlias, String username, String password,
                           Duration interval, int chunkSize, Duration timeout) {
    public static final int MAX_CHUNK = 1000;

    public static SyncSettings from(AdapterSettings s) {
        int chunk = number(s, AdapterSettings.SYNC_CHUNK_SIZE, 500);
        if (chunk < 1 || chunk > MAX_CHUNK) {
            throw new IllegalArgumentException(AdapterSettings.SYNC_CHUNK_SIZE + " must be 1 to " + MAX_CHUNK
                    + ", got " + chunk);
        }
        int interval = number(s, AdapterSettings.SYNC_INTERVAL_SECONDS, 0);
        int timeout = number(s, AdapterSettings.SYNC_TIMEOUT_SECONDS, 120);
        if (interval < 0 || timeout < 1) {
            throw new IllegalArgumentException(AdapterSettings.SYNC_INTERVAL_SECONDS + " must be >= 0 and "
                    + AdapterSettings.SYNC_TIMEOUT_SECONDS + " >= 1");
        }
        return new SyncSettings(required(s, AdapterSettings.REGISTRY_URL),
                s.value(AdapterSettings.CENTER_CERTIFICATE_ALIAS).orElse("center"),
                required(s, AdapterSettings.REGISTRY_USERNAME), s.secret(AdapterSettings.REGISTRY_PASSWORD),
                Duration.ofSeconds(interval), chunk, Duration.ofSeconds(timeout));
    }

    private static String required(AdapterSettings s, String key) {
        return s.value(key).orElseThrow(() -> new IllegalArgumentException("missing adapter setting " + key));
    }

    private static int number(AdapterSettings s, String key, int defaultValue) {
        String v = s.value(key).orElse(String.valueOf(defaultValue));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'", e);
        }
    }

    @Override
    public String toString() {
        // Records print every component; the password must never reach a log.
        return "SyncSettings[registryUrl=" + registryUrl + ", centerCertificateAlias=" + centerCertificateAlias
                + ", username=" + username + ", interval=" + interval + ", chunkSize=" + chunkSize
                + ", timeout=" + timeout + "]";
    }
}
