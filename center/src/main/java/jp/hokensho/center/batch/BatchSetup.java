package jp.hokensho.center.batch;

import java.time.Clock;
import java.time.Duration;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.datakey.DataKeyFiles;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.BatchRoutes;
import jp.hokensho.routes.verification.BatchSteps;
import jp.hokensho.routes.verification.QueryNormaliser;
import jp.hokensho.routes.verification.VerificationSteps;
import org.slf4j.LoggerFactory;

/**
 * Bulk verification in the center: the job store (card data sealed with the configured data key, without which
 * the center does not start), the audit trail that stores batch answers, the check of each job's submitter before
 * its items run, the routes.
 */
public final class BatchSetup {
    private final CenterSettings settings;
    private final Clock clock;
    private final int nodeId;
    private final JdbcBatchJobStore store;
    private final BatchAuditTrail audit;
    private final StoredSubmitterCheck submitters;
    private final RefusalLog refusals;
    private volatile BatchSteps steps;

    public BatchSetup(CenterSettings settings, Database database, Clock clock, JpaAuditTrail audit,
                      RefusalLog refusals) {
        this.settings = settings;
        this.clock = clock;
        this.nodeId = settings.getInt("center.node-id");
        this.store = new JdbcBatchJobStore(database.dataSource(), clock, nodeId, new JdbcBatchJobStore.Settings(
                Duration.ofHours(settings.getInt("center.batch.keep-hours")),
                settings.getSeconds("center.batch.claim-lease-seconds")), DataKeyFiles.configured(settings), audit);
        this.audit = new BatchAuditTrail(audit, store);
        this.submitters = new StoredSubmitterCheck(new CertificateStore(database, clock),
                new UserAccountStore(database, clock), clock);
        this.refusals = refusals;
    }

    /** The audit trail every verification route must use (it completes batch items with their records). */
    public AuditTrail auditTrail() {
        return audit;
    }

    /**
     * The routes; before the worker starts, seals what an earlier version stored in plain text and queues again
     * what an earlier run of this node left claimed.
     */
    public BatchRoutes routes(VerificationSteps steps) {
        store.sealPlainItems();
        store.recoverEarlierClaimsOfThisNode(nodeId);
        BatchSteps.Limits limits = new BatchSteps.Limits(settings.getInt("center.batch.sync-max-items"),
                settings.getInt("center.batch.async-max-items"), 1000, settings.getInt("center.batch.claim-chunk"));
        BatchSteps batch = new BatchSteps(new QueryNormaliser(clock), store, submitters, refusals, limits);
        this.steps = batch;
        return new BatchRoutes(steps, batch, new BatchRoutes.Settings(settings.getInt("center.batch.sync-threads"),
                settings.getInt("center.batch.worker-threads"),
                !"false".equals(settings.getOrNull("center.batch.worker-enabled")),
                settings.getInt("center.batch.poll-millis"), 60_000L));
    }

    /**
     * Before the routes stop: the worker claims no further group (Camel's graceful stop would otherwise wait while
     * it drains whole jobs); the group in hand is finished and recorded.
     */
    public void stopClaiming() {
        if (steps != null) {
            steps.stopClaiming();
        }
    }

    /** After the routes stopped: this node's unfinished claims go back to the queue for the next run or node. */
    public void releaseClaims() {
        try {
            store.releaseOwnClaims();
        } catch (RuntimeException e) {
            // Not fatal: the next run of this node (or, after the lease, another node) takes them back.
            LoggerFactory.getLogger(BatchSetup.class).warn("could not release this node's batch claims: {}", e.toString());
        }
    }

    public JdbcBatchJobStore store() {
        return store;
    }
}
