package jp.hokensho.routes.port;

import java.util.List;
import java.util.Optional;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.types.RequestFault;

/**
 * The persisted queue of asynchronous batches (submitBatch / getBatchResult). Items are claimed in groups in the
 * database, so two center nodes never verify the same item; an item's answer is stored in the same transaction as
 * its audit record ({@link #expectAnswer}, {@link #recordAnswers}), so a restart never verifies a finished item
 * again.
 */
public interface BatchJobStore {

    /**
     * Persists the job and its items (status QUEUED) and returns its reception number.
     *
     * @param keySerial the serial of the key that signed the request, kept to check it again before each item
     */
    BatchReception submit(Caller caller, String keySerial, List<BatchItem> items);

    /** Progress and results {@code offset … offset+limit-1} of a job of {@code organisationCode}; empty otherwise. */
    Optional<BatchProgress> progress(String receptionNumber, String organisationCode, int offset, int limit);

    /** Claims up to {@code max} items not yet done (oldest job first), marking their jobs RUNNING. */
    List<ClaimedItem> claim(int max);

    /**
     * Claims, under the claim lease, exactly the items of one job among positions {@code from … to-1} that are not
     * done and not under another live claim (a work message that names a range, e.g. from a broker), as
     * {@link #claim} does; none when the job is not active. The claimed items go to {@code direct:batch-group} like
     * the poll's.
     */
    List<ClaimedItem> claimRange(String receptionNumber, int from, int to);

    /**
     * Announces the verification number the item is being verified under: the audit record appended with this
     * number also marks the item DONE with its answer, in one transaction, or fails if the claim was lost.
     */
    void expectAnswer(ClaimedItem item, String verificationNumber);

    /**
     * Records the answers of these claimed items, verified since {@link #expectAnswer}, each with its audit record
     * and its DONE in one transaction, many items per transaction. Returns the items whose answer could not be
     * recorded (their claim was lost, or the write failed): they are logged and given back to the queue, the
     * others are recorded all the same.
     */
    List<ClaimedItem> recordAnswers(List<ClaimedItem> items);

    /** Finishes a malformed item with its problem (no verification, no audit record). */
    void recordProblem(ClaimedItem item, RequestFault problem);

    /** Gives a claimed item back to the queue after a failure; it is claimed again later. */
    void release(ClaimedItem item);

    /**
     * Stops the item's job for good because its submitter's credentials no longer hold (status
     * {@code STOPPED_CREDENTIALS_INVALID}, results kept like a finished job's) and gives the item back unrun.
     * Returns true for the call that stopped the job, false when it was stopped already.
     */
    boolean stopForInvalidCredentials(ClaimedItem item);

    /** Finishes (DONE, with expiry) the jobs whose items are all done. */
    void updateProgress();

    /** Purges the results of finished (DONE or stopped) jobs past their expiry (status EXPIRED); returns how many. */
    int purgeExpired();

    /**
     * One item claimed by this node.
     *
     * @param claimToken unique per claim: only the holder of the current claim can finish the item
     * @param submitter  who submitted the job (checked again before the item runs, then its requester)
     */
    record ClaimedItem(String receptionNumber, int position, String claimToken, Submitter submitter,
                       BatchItem item) {
    }
}
