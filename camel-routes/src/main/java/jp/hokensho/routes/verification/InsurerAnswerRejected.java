package jp.hokensho.routes.verification;

/**
 * An insurer's answer the center will not use: it breaks the contract or is about another card than the one
 * asked. The verification is answered INSURER_UNAVAILABLE and the insurer's fault is logged. The message names
 * the field and the rule only, never a value (values are personal data).
 */
public final class InsurerAnswerRejected extends RuntimeException {
    public static final String REASON_CODE = "INSURER_ANSWER_REJECTED";

    public InsurerAnswerRejected(String reason) {
        super(reason, null, false, false);
    }

    /** The rejection among {@code failure} and its causes, or null when it is some other failure. */
    static InsurerAnswerRejected within(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InsurerAnswerRejected rejected) {
                return rejected;
            }
        }
        return null;
    }
}
