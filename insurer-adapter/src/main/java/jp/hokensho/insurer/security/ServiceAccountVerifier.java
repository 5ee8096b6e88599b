package jp.hokensho.insurer.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the center's service-account name and password against the configured PBKDF2 hash.
 */
public final class ServiceAccountVerifier {
    private final byte[] username;
    private final String passwordHash;
    private final Duration cacheFor;
    private final Clock clock;
    // A random per-process key: the cache holds an HMAC of the good credentials, never the password itself.
    private final byte[] cacheKey = new byte[32];
    private volatile Remembered remembered;

    private record Remembered(byte[] digest, Instant until) {
    }

    public ServiceAccountVerifier(String username, String passwordHash, Duration cacheFor, Clock clock) {
        ServiceAccountPasswords.checkFormat(passwordHash);
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.passwordHash = passwordHash;
        this.cacheFor = cacheFor;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
    }

    /**
     * True when both match. The slow hash runs for a wrong name too (same time for unknown and known users);
     * a recent success is remembered briefly so the slow hash does not run on every request.
     */
    public boolean verify(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
        byte[] digest = hmac(user, password);
        Remembered r = remembered;
        if (userMatches && r != null && clock.instant().isBefore(r.until()) && MessageDigest.isEqual(r.digest(), digest)) {
            return true;
        }
        boolean passwordMatches = ServiceAccountPasswords.verify(password.toCharArray(), passwordHash);
        if (userMatches && passwordMatches) {
            remembered = new Remembered(digest, clock.instant().plus(cacheFor));
            return true;
        }
        return false;
    }

    private byte[] hmac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
