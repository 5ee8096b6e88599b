package jp.hokensho.routes.port;

import java.util.Optional;

/**
 * The answers the center keeps for requests that named a requestReference, so that the same organisation asking
 * again with the same reference within the window gets the original answer and verification number instead of a
 * new verification. An answer is stored by {@link AuditTrail#append} in the audit record's own transaction
 * ({@link VerificationEvent#reference()}); this reads it back.
 */
public interface KeptAnswers {
    /** No answers kept: every request is verified anew (callers that never send a reference, route tests). */
    KeptAnswers NONE = (organisationCode, reference) -> Optional.empty();

    /** The answer kept for the organisation's reference, while its window lasts. */
    Optional<KeptAnswer> find(String organisationCode, String reference);
}
