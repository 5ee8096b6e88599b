package jp.hokensho.routes.port;

import java.util.List;
import java.util.Optional;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.types.RequestFault;

/**
 * The persisted queue of asynchronous batches (submitBatch / getBatchResult). Items are claimed one by one
 * in the database, so two center nodes never verify the same item; an item's answer is stored in the same
 * transaction as its audit record ({@link #expectAnswer}), so a restart never verifies a finished item again.
 */
public interface BatchJobStore {

    /** Persists the job and its items (status QUEUED) and returns its reception number. */
    BatchReception submit(Caller caller, List<BatchItem> items);

    /** Progress and results {@code offset … offset+limit-1} of a job of {@code organisationCode}; empty otherwise. */
    Optional<BatchProgress> progress(String receptionNumber, String organisationCode, int offset, int limit);

    /** Claims up to {@code max} items not yet done (oldest job first), marking their jobs RUNNING. */
    List<ClaimedItem> claim(int max);

    /**
     * Announces the verification number the item is being verified under: the audit record appended with this
     * number also marks the item DONE with its answer, in one transaction, or fails if the claim was lost.
     */
    void expectAnswer(ClaimedItem item, String verificationNumber);

    /** Finishes a malformed item with its problem (no verification, no audit record). */
    void recordProblem(ClaimedItem item, RequestFault problem);

    /** Gives a claimed item back to the queue after a failure; it is claimed again later. */
    void release(ClaimedItem item);

    /** Updates done counts and finishes (DONE, with expiry) the jobs whose items are all done. */
    void updateProgress();

    /** Purges the results of DONE jobs past their expiry (status EXPIRED); returns how many jobs. */
    int purgeExpired();

    /**
     * One item claimed by this node.
     *
     * @param claimToken unique per claim: only the holder of the current claim can finish the item
     * @param caller     who submitted the job (recorded as the requester of each verification)
     */
    record ClaimedItem(String receptionNumber, int position, String claimToken, Caller caller, BatchItem item) {
    }
}
