package jp.hokensho.center.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a new password must meet, each with a name the fault carries (never the password): a minimum
 * length (configurable, default 12) and a maximum (128, so nobody makes the slow hash slower); at least 3
 * of 4 character classes (upper case, lower case, digit, symbol) judged after NFKC, so full-width {@code Ａ１！}
 * count as {@code A1!} and characters without case (kana, kanji) count as symbols; not containing the user ID
 * (NFKC, ignoring case; IDs of 3 or more characters); not the old password (NFKC-equal counts as equal).
 */
public final class PasswordRules {
    public static final int DEFAULT_MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final int REQUIRED_CLASSES = 3;
    private static final int SHORTEST_USER_ID_CHECKED = 3;

    private final int minLength;

    public PasswordRules(int minLength) {
        if (minLength < 8 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("minimum password length must be 8…" + MAX_LENGTH + ", not " + minLength);
        }
        this.minLength = minLength;
    }

    /** The first rule the new password breaks, or empty when it meets them all. */
    public Optional<Violation> check(String userId, String oldPassword, String newPassword) {
        int length = newPassword.codePointCount(0, newPassword.length());
        if (length < minLength) {
            return violation("MIN_LENGTH", "the new password needs at least " + minLength + " characters");
        }
        if (length > MAX_LENGTH) {
            return violation("MAX_LENGTH", "the new password may have at most " + MAX_LENGTH + " characters");
        }
        String normalised = nfkc(newPassword);
        if (classesIn(normalised) < REQUIRED_CLASSES) {
            return violation("CHARACTER_CLASSES", "the new password needs characters of at least 3 of: upper-case "
                    + "letters, lower-case letters, digits, symbols");
        }
        String user = nfkc(userId).toLowerCase(Locale.ROOT);
        if (user.length() >= SHORTEST_USER_ID_CHECKED && normalised.toLowerCase(Locale.ROOT).contains(user)) {
            return violation("CONTAINS_USER_ID", "the new password must not contain the user ID");
        }
        if (normalised.equals(nfkc(oldPassword))) {
            return violation("SAME_AS_OLD", "the new password must differ from the old one");
        }
        return Optional.empty();
    }

    private static int classesIn(String password) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                symbol = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static Optional<Violation> violation(String rule, String explanation) {
        return Optional.of(new Violation(rule, explanation));
    }

    /** A broken rule: its name (e.g. {@code MIN_LENGTH}) and an explanation for the person. */
    public record Violation(String rule, String explanation) {
    }
}
