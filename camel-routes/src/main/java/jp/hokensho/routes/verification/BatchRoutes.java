package jp.hokensho.routes.verification;

import java.util.List;
import java.util.concurrent.ExecutorService;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.routes.ExpectedFaults;
import jp.hokensho.routes.permission.OperationRights;
import org.apache.camel.Exchange;
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
            // The worker: drains claimable items group by group, then waits for a submission on this node, the
            // poll interval (other nodes' submissions, items given back) or the center's stop. The timer only
            // restarts the loop at once: the wait is in the route. No group is claimed once the stop began.
            // A failed claim (the database gone) is logged and waits for the next poll like an empty queue.
            from("timer:batch-worker?delay=" + settings.pollMillis() + "&period=1")
                    .routeId("batch-worker")
                    .doTry()
                        .loopDoWhile(exchange -> claimed(exchange, batch))
                            .to(CLAIMED_ITEMS)
                        .end()
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(batch::workerFailed)
                    .end()
                    .process(exchange -> batch.awaitWork(exchange, settings.pollMillis()));
        }

        from("timer:batch-purge?delay=" + settings.purgeMillis() + "&period=" + settings.purgeMillis())
                .routeId("batch-purge")
                .process(batch::purgeExpired);
    }

    // Claims the next chunk into the body; stops draining when the center is stopping.
    private static boolean claimed(Exchange exchange, BatchSteps batch) {
        if (batch.claimingStopped() || exchange.getContext().isStopping() || exchange.getContext().isStopped()) {
            return false;
        }
        batch.claim(exchange);
        return !exchange.getMessage().getBody(List.class).isEmpty();
    }

    /**
     * @param syncThreads   parallel verifications of one synchronous batch node-wide ({@code center.batch.sync-threads})
     * @param workerThreads parallel verifications of asynchronous jobs ({@code center.batch.worker-threads})
     * @param workerEnabled false leaves asynchronous jobs to other nodes
     */
    public record Settings(int syncThreads, int workerThreads, boolean workerEnabled, long pollMillis,
                           long purgeMillis) {
    }
}
