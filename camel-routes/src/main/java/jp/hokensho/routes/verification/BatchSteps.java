package jp.hokensho.routes.verification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.port.BatchJobStore;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.port.Submitter;
import jp.hokensho.routes.port.SubmitterCheck;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.cxf.message.MessageContentsList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of bulk verification around the single verification ({@code direct:verify-one}): checking the
 * batch size, turning each item into a query or a per-item problem, collecting results back into input order,
 * and the asynchronous job store's claims.
 */
public final class BatchSteps {
    private static final Logger LOG = LoggerFactory.getLogger(BatchSteps.class);
    static final String PROBLEM = "batch.problem";
    static final String CLAIM = "batch.claim";
    static final String SUBMITTER_INVALID = "batch.submitterInvalid";
    static final String STANDINGS = "batch.standings";
    static final int DEFAULT_PAGE = 100;

    private final BatchItemNormaliser items;
    private final BatchJobStore store;
    private final SubmitterCheck submitters;
    private final RefusalLog refusals;
    private final Limits limits;
    private final WorkSignal work = new WorkSignal();
    private volatile boolean claimingStopped;

    public BatchSteps(QueryNormaliser normaliser, BatchJobStore store, SubmitterCheck submitters, RefusalLog refusals,
                      Limits limits) {
        this.items = new BatchItemNormaliser(normaliser);
        this.store = store;
        this.submitters = submitters;
        this.refusals = refusals;
        this.limits = limits;
    }

    /** Body: the request's items → the items with their positions, after the size check. */
    public void positionSyncItems(Exchange exchange) throws InvalidRequestFault {
        exchange.getIn().setBody(positioned(itemsOf(exchange), limits.syncMaxItems()));
    }

    public void submit(Exchange exchange) throws InvalidRequestFault {
        List<BatchItem> batch = itemsOf(exchange);
        checkSize(batch.size(), limits.asyncMaxItems());
        Caller caller = Authoriser.authorisedCaller(exchange);
        String keySerial = CallerResolver.signingKeySerialOf(exchange);
        if (keySerial == null) {
            // The security layer puts both together; a caller without a key is not one to run a batch for later.
            refusals.refused("NO_AUTHENTICATED_CALLER", caller.userId(), caller.organisationCode(),
                    OperationRights.SUBMIT_BATCH.operationName(), "no signing key on the message");
            throw SecurityFaults.generic();
        }
        exchange.getMessage().setBody(store.submit(caller, keySerial, batch));
        // Stored and committed: this node's worker starts now rather than at its next poll.
        work.signal();
    }

    public void progress(Exchange exchange) throws NotFoundFault, InvalidRequestFault {
        List<?> parameters = exchange.getIn().getBody(List.class);
        String number = parameters == null || parameters.isEmpty() ? null : (String) parameters.get(0);
        int offset = intParameter(parameters, 1, 0);
        int limit = Math.min(intParameter(parameters, 2, DEFAULT_PAGE), limits.maxPage());
        Caller caller = Authoriser.authorisedCaller(exchange);
        // Another organisation's job answers exactly like a number that does not exist.
        BatchProgress progress = number == null ? null
                : store.progress(number.strip(), caller.organisationCode(), offset, limit).orElse(null);
        if (progress == null) {
            RequestFault info = new RequestFault();
            info.setCode("BATCH_NOT_FOUND");
            info.setField("receptionNumber");
            info.setMessage("no batch with this reception number for your organisation");
            throw new NotFoundFault("receptionNumber: not found", info);
        }
        exchange.getMessage().setBody(progress);
    }

    /** Body: one positioned item → property QUERY (normalised) or PROBLEM (the typed fault's detail). */
    public void normaliseItem(Exchange exchange) {
        Positioned item = exchange.getIn().getBody(Positioned.class);
        exchange.setProperty(Positioned.class.getName(), item);
        try {
            exchange.setProperty(ExchangeKeys.QUERY, items.normalise(item.item()));
        } catch (InvalidRequestFault fault) {
            exchange.setProperty(PROBLEM, fault.getFaultInfo());
        }
    }

    public static boolean hasProblem(Exchange exchange) {
        return exchange.getProperty(PROBLEM) != null;
    }

    /** Asynchronous jobs: the item's answer is stored with its audit record under this number. */
    public void announceNumber(Exchange exchange) {
        ClaimedItem claim = exchange.getProperty(CLAIM, ClaimedItem.class);
        if (claim != null) {
            store.expectAnswer(claim, exchange.getProperty(ExchangeKeys.NUMBER, String.class));
        }
    }

    /** Body: the answer of direct:verify-one, or nothing for a problem → the item's result. */
    public void itemResult(Exchange exchange) {
        Positioned item = exchange.getProperty(Positioned.class.getName(), Positioned.class);
        BatchItemResult result = resultOf(item);
        RequestFault problem = exchange.getProperty(PROBLEM, RequestFault.class);
        if (problem != null) {
            result.setProblem(problem);
        } else {
            result.setAnswer(exchange.getMessage().getBody(EligibilityAnswer.class));
        }
        exchange.getMessage().setBody(result);
    }

    /** The reply of the synchronous batch: the results in input order (one out parameter, a list). */
    public void syncReply(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<BatchItemResult> results = new ArrayList<>(exchange.getMessage().getBody(List.class));
        results.sort(Comparator.comparingInt(BatchItemResult::getPosition));
        exchange.getMessage().setBody(new MessageContentsList((Object) results));
    }

    // --- asynchronous worker ---

    /** The next group of claimable items for this node (empty when there is none). */
    List<ClaimedItem> claimGroup() {
        return store.claim(limits.claimChunk());
    }

    /**
     * From now on the worker claims no more groups (the center is stopping): the group in hand is finished and
     * recorded. Called before the routes stop, as Camel's graceful stop waits for the worker's exchange to end.
     */
    public void stopClaiming() {
        LOG.info("the center is stopping: the batch worker claims no further group");
        claimingStopped = true;
        work.signal();
    }

    public boolean claimingStopped() {
        return claimingStopped;
    }

    /**
     * Waits until a batch is submitted on this node, {@code pollMillis} passed, or the center is stopping. Other
     * nodes' submissions are seen by the poll only (the signal is in-process).
     */
    void awaitWork(CamelContext context, long pollMillis) {
        work.await(pollMillis, () -> claimingStopped || context.isStopping() || context.isStopped());
    }

    /** Body: the claimed group → the normalised queries of its well-formed items (to read their cards at once). */
    public List<EligibilityQuery> groupQueries(Exchange exchange) {
        List<EligibilityQuery> queries = new ArrayList<>();
        for (Object claimed : exchange.getMessage().getBody(List.class)) {
            try {
                queries.add(items.normalise(((ClaimedItem) claimed).item()));
            } catch (InvalidRequestFault malformed) {
                // reported by the item itself when it runs
            }
        }
        return queries;
    }

    /**
     * Body: the claimed group. Checks each submitter of the group once (their key, account and right to submit
     * batches), for the items of the group to use; a group is claimed and run within moments.
     */
    public void checkSubmitters(Exchange exchange) {
        Map<Submitter, SubmitterCheck.Standing> standings = new HashMap<>();
        for (Object claimed : exchange.getMessage().getBody(List.class)) {
            standings.computeIfAbsent(((ClaimedItem) claimed).submitter(), this::standingOf);
        }
        exchange.setProperty(STANDINGS, standings);
    }

    /** Body: the claimed group, verified → the answers recorded, many per transaction (see the store). */
    public void recordAnswers(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<ClaimedItem> group = exchange.getMessage().getBody(List.class);
        List<ClaimedItem> failed = store.recordAnswers(group);
        if (!failed.isEmpty()) {
            LOG.warn("{} of {} batch items could not be recorded and were given back to the queue", failed.size(),
                    group.size());
        }
    }

    private SubmitterCheck.Standing standingOf(Submitter submitter) {
        SubmitterCheck.Standing standing = submitters.standing(submitter);
        if (standing.isValid() && !OperationRights.SUBMIT_BATCH.allows(standing.caller())) {
            standing = SubmitterCheck.Standing.invalid("MISSING_PERMISSION", "role " + standing.caller().role()
                    + " may no longer submit batches");
        }
        return standing;
    }

    /**
     * Body: one claimed item → the exchange of its verification, as the submitter with their current rights; or,
     * when the submitter's key or account no longer holds or they lost the right to submit batches, the job stops
     * ({@link #submitterInvalid}) and the item is given back unrun.
     */
    public void startClaimed(Exchange exchange) {
        ClaimedItem claim = exchange.getIn().getBody(ClaimedItem.class);
        exchange.setProperty(CLAIM, claim);
        @SuppressWarnings("unchecked")
        Map<Submitter, SubmitterCheck.Standing> standings = exchange.getProperty(STANDINGS, Map.class);
        SubmitterCheck.Standing standing = standings != null && standings.containsKey(claim.submitter())
                ? standings.get(claim.submitter()) : standingOf(claim.submitter());
        if (!standing.isValid()) {
            stopJob(claim, standing);
            exchange.setProperty(SUBMITTER_INVALID, true);
            return;
        }
        exchange.setProperty(ExchangeKeys.CALLER, standing.caller());
        exchange.getIn().setBody(new Positioned(claim.position(), claim.item()));
    }

    public static boolean submitterInvalid(Exchange exchange) {
        return exchange.getProperty(SUBMITTER_INVALID, false, Boolean.class);
    }

    private void stopJob(ClaimedItem claim, SubmitterCheck.Standing standing) {
        Submitter submitter = claim.submitter();
        if (store.stopForInvalidCredentials(claim)) {
            LOG.warn("batch {} stopped before item {}: the submitter's credentials no longer hold ({})",
                    claim.receptionNumber(), claim.position(), standing.refusalReason());
            refusals.refused(standing.refusalReason(), submitter.userId(), submitter.organisationCode(),
                    OperationRights.SUBMIT_BATCH.operationName(), "batch " + claim.receptionNumber()
                            + " stopped before item " + claim.position() + ": " + standing.detail());
        }
    }

    /** An item's answer is held for its group's record (see {@link #recordAnswers}); a problem is stored here. */
    public void finishClaimed(Exchange exchange) {
        RequestFault problem = exchange.getProperty(PROBLEM, RequestFault.class);
        if (problem != null) {
            store.recordProblem(exchange.getProperty(CLAIM, ClaimedItem.class), problem);
        }
    }

    /** Body: a claimed group that failed as a whole → its items given back to the queue (those not done). */
    public void releaseGroup(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<ClaimedItem> group = exchange.getMessage().getBody(List.class);
        releaseGroup(group, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    void releaseGroup(List<ClaimedItem> group, Exception cause) {
        LOG.warn("a group of {} batch items failed, released for a retry: {}", group.size(), String.valueOf(cause));
        try {
            group.forEach(store::release);
        } catch (RuntimeException e) {
            // Not lost: claims not given back now are taken back at this node's restart or after the lease.
            LOG.warn("could not give the group's items back to the queue: {}", e.toString());
        }
    }

    /** The worker could not claim (the database is unreachable, say): it tries again at its next poll. */
    void claimFailed(RuntimeException cause) {
        LOG.warn("the batch worker could not claim items, trying again at its next poll: {}", String.valueOf(cause));
    }

    public void releaseClaimed(Exchange exchange) {
        ClaimedItem claim = exchange.getProperty(CLAIM, ClaimedItem.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("batch {} item {} failed, released for a retry: {}", claim.receptionNumber(), claim.position(),
                String.valueOf(cause));
        store.release(claim);
    }

    public void updateProgress(Exchange exchange) {
        store.updateProgress();
    }

    public void purgeExpired(Exchange exchange) {
        int purged = store.purgeExpired();
        if (purged > 0) {
            LOG.info("purged the results of {} expired batch(es)", purged);
        }
    }

    /** Collects item results; an item that failed inside the center is reported alone, never fails the batch. */
    public static AggregationStrategy collectResults() {
        return (collected, item) -> {
            BatchItemResult result;
            if (item.getException() != null) {
                LOG.error("batch item failed inside the center", item.getException());
                result = resultOf(item.getProperty(Positioned.class.getName(), Positioned.class));
                result.setProblem(problem("VERIFICATION_FAILED", null,
                        "the item could not be verified; verify it again"));
                item.setException(null);
            } else {
                result = item.getMessage().getBody(BatchItemResult.class);
            }
            if (collected == null) {
                List<BatchItemResult> results = new ArrayList<>();
                results.add(result);
                item.getMessage().setBody(results);
                return item;
            }
            @SuppressWarnings("unchecked")
            List<BatchItemResult> results = collected.getMessage().getBody(List.class);
            results.add(result);
            return collected;
        };
    }

    private static BatchItemResult resultOf(Positioned item) {
        BatchItemResult result = new BatchItemResult();
        result.setPosition(item.position());
        result.setReference(item.item() == null ? null : item.item().getReference());
        return result;
    }

    static RequestFault problem(String code, String field, String message) {
        RequestFault info = new RequestFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return info;
    }

    private static List<BatchItem> itemsOf(Exchange exchange) {
        List<?> parameters = exchange.getIn().getBody(List.class);
        Object first = parameters == null || parameters.isEmpty() ? null : parameters.get(0);
        List<BatchItem> batch = new ArrayList<>();
        if (first instanceof List<?> list) {
            list.forEach(item -> batch.add((BatchItem) item));
        }
        return batch;
    }

    private static List<Positioned> positioned(List<BatchItem> batch, int max) throws InvalidRequestFault {
        checkSize(batch.size(), max);
        List<Positioned> positioned = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            positioned.add(new Positioned(i, batch.get(i)));
        }
        return positioned;
    }

    private static void checkSize(int size, int max) throws InvalidRequestFault {
        if (size > max) {
            throw QueryNormaliser.invalid("BATCH_TOO_LARGE", "item", size + " items; at most " + max
                    + " in one request");
        }
        if (size == 0) {
            throw QueryNormaliser.invalid("MISSING_FIELD", "item", "the batch has no items");
        }
    }

    private static int intParameter(List<?> parameters, int index, int fallback) throws InvalidRequestFault {
        Object value = parameters == null || parameters.size() <= index ? null : parameters.get(index);
        if (value == null) {
            return fallback;
        }
        int number = ((Number) value).intValue();
        if (number < 0) {
            throw QueryNormaliser.invalid("INVALID_FIELD", index == 1 ? "offset" : "limit", "must not be negative");
        }
        return number;
    }

    /** An item with its 0-based position in the request. */
    public record Positioned(int position, BatchItem item) {
    }

    /**
     * @param syncMaxItems  most items of one verifyEligibilityBatch ({@code center.batch.sync-max-items})
     * @param asyncMaxItems most items of one submitBatch ({@code center.batch.async-max-items})
     * @param maxPage       most results of one getBatchResult page
     * @param claimChunk    items claimed, verified and recorded as one group
     */
    public record Limits(int syncMaxItems, int asyncMaxItems, int maxPage, int claimChunk) {
    }
}
