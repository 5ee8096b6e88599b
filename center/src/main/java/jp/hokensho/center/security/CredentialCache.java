package jp.hokensho.center.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful password checks briefly so the slow hash does not run on every SOAP request.
 * Entries are keyed by an HMAC (random per-process key) of user, password and the stored hash, so the cache
 * never holds a password, a different password never hits, and a password changed on any node (a new stored
 * hash) misses at once on every node. Also dropped per user on change or lock on this node.
 */
public final class CredentialCache {
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public CredentialCache(Duration ttl, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    public boolean contains(String userId, String password, String storedHash) {
        Entry entry = entries.get(fingerprint(userId, password, storedHash));
        return entry != null && entry.userId.equals(userId) && clock.instant().isBefore(entry.expiresAt);
    }

    public void remember(String userId, String password, String storedHash) {
        if (ttl.isZero()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            // Bounded memory beats a perfect hit rate: the next check just runs the slow hash again.
            entries.clear();
        }
        entries.put(fingerprint(userId, password, storedHash), new Entry(userId, clock.instant().plus(ttl)));
    }

    public void forget(String userId) {
        entries.values().removeIf(entry -> entry.userId.equals(userId));
    }

    private String fingerprint(String userId, String password, String storedHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(userId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private record Entry(String userId, Instant expiresAt) {
    }
}
