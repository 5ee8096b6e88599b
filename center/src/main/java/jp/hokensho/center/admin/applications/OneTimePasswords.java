package jp.hokensho.center.admin.applications;

import java.security.SecureRandom;
import java.util.Base64;

/** The first password of an account made on application: random, handed over once, to be changed at first use. */
final class OneTimePasswords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimePasswords() {
    }

    /** 120 random bits as 20 URL-safe characters, the strength of {@code center user add}'s. */
    static String next() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
