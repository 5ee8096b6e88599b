package jp.hokensho.insurer.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2WithHmacSHA256 hashes of the center's service-account password, as "pbkdf2$iterations$saltB64$hashB64".
 */
public final class ServiceAccountPasswords {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; tests pass a lower count explicitly. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceAccountPasswords() {
    }

    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        if (iterations < 1 || password == null || password.length == 0) {
            throw new IllegalArgumentException("a password and a positive iteration count are required");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations, HASH_BITS));
    }

    /** Constant-time comparison; a malformed stored hash never matches. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !"pbkdf2".equals(parts[0]) || password == null || password.length == 0) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, salt, iterations, expected.length * 8);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Rejects what {@link #verify} could never accept, so a typo in the config fails at start-up. */
    public static void checkFormat(String stored) {
        if (stored == null || !wellFormed(stored)) {
            throw new IllegalArgumentException("password hash must look like pbkdf2$iterations$saltB64$hashB64");
        }
    }

    private static boolean wellFormed(String stored) {
        String[] parts = stored.split("\\$");
        try {
            return parts.length == 4 && "pbkdf2".equals(parts[0]) && Integer.parseInt(parts[1]) > 0
                    && Base64.getDecoder().decode(parts[2]).length > 0
                    && Base64.getDecoder().decode(parts[3]).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
