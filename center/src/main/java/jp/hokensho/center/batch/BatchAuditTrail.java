package jp.hokensho.center.batch;

import java.util.Optional;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationEvent;

/**
 * The audit trail the routes use: a verification of a claimed batch item is held by the job store and appended
 * later with the rest of its group, together with the items' answers (one transaction, see
 * {@link JdbcBatchJobStore#recordAnswers}); every other verification is appended at once, as before.
 */
public final class BatchAuditTrail implements AuditTrail {
    private final JpaAuditTrail audit;
    private final JdbcBatchJobStore batches;

    public BatchAuditTrail(JpaAuditTrail audit, JdbcBatchJobStore batches) {
        this.audit = audit;
        this.batches = batches;
    }

    @Override
    public void append(VerificationEvent event) {
        Optional<ClaimedItem> item = batches.takePending(event.answer().getVerificationNumber());
        if (item.isEmpty()) {
            audit.append(event);
            return;
        }
        // Recorded with the rest of its group, in one transaction with the item's answer (JdbcBatchJobStore).
        batches.holdAnswer(item.get(), event);
    }

    @Override
    public Optional<RecordedVerification> find(String verificationNumber) {
        return audit.find(verificationNumber);
    }

    @Override
    public jp.hokensho.routes.port.VerificationListing list(jp.hokensho.routes.port.VerificationSearch search) {
        return audit.list(search);
    }
}
