package jp.hokensho.routes.verification;

import java.util.concurrent.ExecutorService;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.routes.ExpectedFaults;
import jp.hokensho.routes.permission.OperationRights;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * Bulk verification (一括認証) of the EligibilityService. Every item goes through {@code direct:verify-one}, the
 * single verification after normalisation and numbering, so it gets its own number and exactly one audit
 * record. Synchronous batches are split in parallel on a bounded pool and collected back into input order;
 * asynchronous batches are persisted by the {@link jp.hokensho.routes.port.BatchJobStore} (the database is the
 * queue) and verified by a worker that claims items in groups, records each group's answers in one transaction,
 * and is woken by a submission on this node (other nodes' submissions by its poll).
 */
public final class BatchRoutes extends RouteBuilder {
    /**
     * The group route: body, a list of {@link jp.hokensho.routes.port.BatchJobStore.ClaimedItem}s this node claimed
     * (from the poll or from a broker's message).
     */
    public static final String CLAIMED_ITEMS = "direct:batch-group";

    private final VerificationSteps steps;
    private final BatchSteps batch;
    private final Settings settings;

    public BatchRoutes(VerificationSteps steps, BatchSteps batch, Settings settings) {
        this.steps = steps;
        this.batch = batch;
        this.settings = settings;
    }

    @Override
    public void configure() {
        ExecutorService syncPool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "batch-sync", settings.syncThreads());
        ExecutorService workerPool = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "batch-worker", settings.workerThreads());

        // Declared faults and security refusals are answers to the caller, not errors of the center.
        onException(InvalidRequestFault.class, NotFoundFault.class, SoapFault.class)
                .handled(false).logExhausted(false).logStackTrace(false)
                .process(ExpectedFaults::wrapAsDeclaredFault);

        from("direct:verifyEligibilityBatch").routeId("verify-eligibility-batch")
                .process(exchange -> steps.authorise(exchange, OperationRights.VERIFY_ELIGIBILITY_BATCH))
                .process(batch::positionSyncItems)
                .split(body(), BatchSteps.collectResults()).parallelProcessing().executorService(syncPool)
                    .to("direct:batch-item")
                .end()
                .process(batch::syncReply);

        // One item, synchronous or not: a malformed one becomes its problem, a good one a single verification.
        from("direct:batch-item").routeId("batch-item")
                .process(batch::normaliseItem)
                .choice()
                    .when(BatchSteps::hasProblem).log(LoggingLevel.DEBUG, "malformed batch item: reported alone")
                    .otherwise()
                        .process(steps::assignNumber)
                        .process(batch::announceNumber)
                        .to("direct:verify-one")
                .end()
                .process(batch::itemResult);

        from("direct:submitBatch").routeId("submit-batch")
                .process(exchange -> steps.authorise(exchange, OperationRights.SUBMIT_BATCH))
                .process(batch::submit);

        from("direct:getBatchResult").routeId("get-batch-result")
                .process(exchange -> steps.authorise(exchange, OperationRights.GET_BATCH_RESULT))
                .process(batch::progress);

        // One claimed group (body: the claimed items), the unit any driver of the worker sends to (the poll below,
        // or a broker's consumer that claimed a range, center.batch.broker.*): each submitter checked once, the
        // group's cards read at once, the items verified in parallel, then all their answers recorded in one
        // transaction. A caller that sends here has the group's records committed (or its items given back) when
        // this returns. A failure of the group as a whole (the database gone) gives its items back at once, not
        // after the lease.
        from(CLAIMED_ITEMS).routeId("batch-group")
                .doTry()
                    .process(batch::checkSubmitters)
                    .process(exchange -> steps.readGroupCards(exchange, batch.groupQueries(exchange)))
                    .split(body()).parallelProcessing().executorService(workerPool)
                        .to("direct:batch-job-item")
                    .end()
                    .process(batch::recordAnswers)
                .endDoTry()
                .doCatch(Exception.class)
                    .process(batch::releaseGroup)
                .end()
                .process(batch::updateProgress);

        from("direct:batch-job-item").routeId("batch-job-item")
                .doTry()
                    .process(batch::startClaimed)
                    .filter(exchange -> !BatchSteps.submitterInvalid(exchange))
                        .to("direct:batch-item")
                        .process(batch::finishClaimed)
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .process(batch::releaseClaimed)
                .end();

        if (settings.workerEnabled()) {
            // The worker (BatchWorker): one loop on the timer's single exchange for the node's life, claiming a
            // group whenever fewer than groupsInFlight are unrecorded; each group runs on a runner of its own.
            ExecutorService groupRunners = getContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "batch-group", settings.groupsInFlight());
            BatchWorker worker = new BatchWorker(batch, groupRunners, settings.groupsInFlight(),
                    settings.pollMillis());
            from("timer:batch-claims?delay=" + settings.pollMillis() + "&repeatCount=1")
                    .routeId("batch-worker")
                    .process(exchange -> worker.run(exchange.getContext()));
        }

        from("timer:batch-purge?delay=" + settings.purgeMillis() + "&period=" + settings.purgeMillis())
                .routeId("batch-purge")
                .process(batch::purgeExpired);
    }

    /**
     * @param syncThreads   parallel verifications of one synchronous batch node-wide ({@code center.batch.sync-threads})
     * @param workerThreads parallel verifications of asynchronous jobs ({@code center.batch.worker-threads})
     * @param groupsInFlight claimed groups of asynchronous jobs not yet recorded, at most, on this node
     *                       ({@code center.batch.groups-in-flight}); the claim lease must outlast them all
     * @param workerEnabled false leaves asynchronous jobs to other nodes
     */
    public record Settings(int syncThreads, int workerThreads, int groupsInFlight, boolean workerEnabled,
                           long pollMillis, long purgeMillis) {
    }
}
