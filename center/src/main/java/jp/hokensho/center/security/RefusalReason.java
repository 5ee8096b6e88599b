package jp.hokensho.center.security;

/** Reason codes of the unauthorised-access log. Never sent to the caller. */
public enum RefusalReason {
    MISSING_SIGNATURE_OR_TOKEN,
    NO_AUTHENTICATED_CALLER,
    BAD_SIGNATURE,
    UNTRUSTED_KEY,
    UNKNOWN_KEY,
    REVOKED_KEY,
    EXPIRED_KEY,
    UNKNOWN_USER,
    WRONG_PASSWORD,
    LOCKED,
    /** Disabled (access review, policy 2: e.g. dormant) until the system administrator re-enables it. */
    ACCOUNT_DISABLED,
    /** The account was ended on a removal application (AdminService decideApplication): refused for good. */
    ACCOUNT_ENDED,
    /** The person is not of the key's organisation: refused before the password is checked or counted. */
    ORGANISATION_MISMATCH,
    /** A one-time password not changed yet: every operation but the password change (a typed fault). */
    PASSWORD_CHANGE_REQUIRED,
    MISSING_PERMISSION,
    /** A card registry request for an insurer other than the caller's organisation (logged by the routes). */
    OTHER_INSURER,
    STALE_TIMESTAMP,
    REPLAY,
    POLICY_VIOLATION,
    DECRYPTION_FAILED,
    SCHEMA_INVALID,
    MALFORMED_XML,
    OVERSIZE,
    /**
     * A real-time insurer's answer the center would not use (contract-invalid, or about another card than the one
     * asked); logged by the routes, with the insurer as organisation. The clinic gets INSURER_UNAVAILABLE.
     */
    INSURER_ANSWER_REJECTED
}
