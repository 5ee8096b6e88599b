package jp.hokensho.center.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful password checks for a working day so the slow hash runs about once per person and day,
 * not on every SOAP request. Entries are keyed by an HMAC (random per-process key) of user, password and the
 * stored hash, so the cache never holds a password, a different password never hits, and a password changed
 * on any node (a new stored hash) misses at once on every node. Bounded: past {@code maxEntries} the least
 * recently used entry goes. Also dropped per user on change or failure on this node. The cache only spares
 * the hash: locks and everything else about the account are read from the database on every request.
 */
public final class CredentialCache {
    private final Map<String, Entry> entries;
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    public CredentialCache(Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the credential cache needs room for at least 1 entry, not "
                    + maxEntries);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public boolean contains(String userId, String password, String storedHash) {
        String fingerprint = fingerprint(userId, password, storedHash);
        synchronized (entries) {
            Entry entry = entries.get(fingerprint);
            if (entry == null) {
                return false;
            }
            if (!clock.instant().isBefore(entry.expiresAt)) {
                entries.remove(fingerprint);
                return false;
            }
            return entry.userId.equals(userId);
        }
    }

    public void remember(String userId, String password, String storedHash) {
        if (ttl.isZero()) {
            return;
        }
        String fingerprint = fingerprint(userId, password, storedHash);
        synchronized (entries) {
            entries.put(fingerprint, new Entry(userId, clock.instant().plus(ttl)));
        }
    }

    public void forget(String userId) {
        synchronized (entries) {
            entries.values().removeIf(entry -> entry.userId.equals(userId));
        }
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
