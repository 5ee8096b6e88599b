package jp.hokensho.center.batch;

import java.time.Clock;
import java.time.Duration;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.batch.broker.BatchBroker;
import jp.hokensho.center.batch.broker.BrokerSettings;
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
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.LoggerFactory;

/**
 * Bulk verification in the center: the job store (card data sealed with the configured data key, without which
 * the center does not start), the audit trail that stores batch answers, the check of each job's submitter before
 * its items run, the routes, and the broker that pushes asynchronous work to the nodes when one is configured
 * ({@code center.batch.broker.*}; without one the nodes poll the database).
 */
public final class BatchSetup {
    private final CenterSettings settings;
    private final Clock clock;
    private final int nodeId;
    private final JdbcBatchJobStore store;
    private final BatchAuditTrail audit;
    private final StoredSubmitterCheck submitters;
    private final RefusalLog refusals;
    private final BrokerSettings brokerSettings;
    private final BatchBroker broker;
    private volatile BatchSteps steps;

    public BatchSetup(CenterSettings settings, Database database, Clock clock, JpaAuditTrail audit,
                      RefusalLog refusals) {
        this.settings = settings;
        this.clock = clock;
        this.nodeId = settings.getInt("center.node-id");
        // With a broker, its messages carry the work and the poll only takes over jobs older than poll-after.
        this.brokerSettings = BrokerSettings.of(settings).orElse(null);
        this.broker = brokerSettings == null ? null : BatchBroker.connect(brokerSettings, nodeId);
        this.store = new JdbcBatchJobStore(database.dataSource(), clock, nodeId, new JdbcBatchJobStore.Settings(
                Duration.ofHours(settings.getInt("center.batch.keep-hours")),
                settings.getSeconds("center.batch.claim-lease-seconds"),
                broker == null ? Duration.ZERO : brokerSettings.pollAfter()), DataKeyFiles.configured(settings),
                audit, broker == null ? JobDispatch.NONE : broker);
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
                settings.getInt("center.batch.groups-in-flight"), workerEnabled(),
                broker == null ? settings.getInt("center.batch.poll-millis") : brokerSettings.safetyPoll().toMillis(),
                60_000L));
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

    private boolean workerEnabled() {
        return !"false".equals(settings.getOrNull("center.batch.worker-enabled"));
    }

    /** After the routes started: with a broker (and the worker on), this node takes its messages. */
    public void startBrokerConsumers(CamelContext camel) {
        if (broker == null || !workerEnabled()) {
            return;
        }
        ProducerTemplate template = camel.createProducerTemplate();
        broker.startConsuming(store, claimed -> template.sendBody(BatchRoutes.CLAIMED_ITEMS, claimed));
    }

    /** Before the routes stop: no more messages taken, the ones in hand finished and acknowledged. */
    public void stopBrokerConsumers() {
        if (broker != null) {
            broker.stopConsuming();
        }
    }

    /**
     * After the routes stopped: this node's unfinished claims go back to the queue for the next run or node; the
     * broker connection (if any) closes.
     */
    public void releaseClaims() {
        try {
            store.releaseOwnClaims();
        } catch (RuntimeException e) {
            // Not fatal: the next run of this node (or, after the lease, another node) takes them back.
            LoggerFactory.getLogger(BatchSetup.class).warn("could not release this node's batch claims: {}", e.toString());
        }
        if (broker != null) {
            broker.close();
        }
    }

    public JdbcBatchJobStore store() {
        return store;
    }
}
