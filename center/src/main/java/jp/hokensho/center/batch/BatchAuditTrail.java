package jp.hokensho.center.batch;

import java.sql.SQLException;
import java.util.Optional;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationEvent;

/**
 * The audit trail the routes use: a verification of a claimed batch item is appended together with the item's
 * answer (one transaction, see {@link JpaAuditTrail#append(VerificationEvent, java.util.function.Consumer)}),
 * every other verification exactly as before.
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
        audit.append(event, session -> session.doWork(connection -> {
            try {
                batches.markAnswered(connection, item.get(), event);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the batch item's answer", e);
            }
        }));
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
