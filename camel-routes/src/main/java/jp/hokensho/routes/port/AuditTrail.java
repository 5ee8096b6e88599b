package jp.hokensho.routes.port;

import java.util.Optional;

/**
 * The append-only, hash-chained record of every verification. {@link #append} commits before it
 * returns, so an answer is never sent for a verification that was not recorded.
 */
public interface AuditTrail {
    void append(VerificationEvent event);

    Optional<RecordedVerification> find(String verificationNumber);

    /** One page of an organisation's own records, newest first (認証結果の閲覧). */
    VerificationListing list(VerificationSearch search);
}
