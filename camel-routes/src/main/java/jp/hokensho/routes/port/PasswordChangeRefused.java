package jp.hokensho.routes.port;

/**
 * Why a password change was refused: {@link #WRONG_OLD_PASSWORD}, or {@link #PASSWORD_RULES} with the
 * message naming the rule. Messages never contain a password.
 */
public final class PasswordChangeRefused extends Exception {
    public static final String WRONG_OLD_PASSWORD = "WRONG_OLD_PASSWORD";
    public static final String PASSWORD_RULES = "PASSWORD_RULES";

    private final String code;
    private final String field;

    private PasswordChangeRefused(String code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static PasswordChangeRefused wrongOldPassword() {
        return new PasswordChangeRefused(WRONG_OLD_PASSWORD, "oldPassword", "the old password is not correct");
    }

    /** @param rule the rule's name, e.g. {@code MIN_LENGTH}; the message starts with it */
    public static PasswordChangeRefused rule(String rule, String explanation) {
        return new PasswordChangeRefused(PASSWORD_RULES, "newPassword", rule + ": " + explanation);
    }

    public String code() {
        return code;
    }

    /** The request element concerned: {@code oldPassword} or {@code newPassword}. */
    public String field() {
        return field;
    }
}
