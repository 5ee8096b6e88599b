package jp.hokensho.center.batch;

/**
 * Hands a committed asynchronous job to whatever carries the work to the nodes. Without a broker nothing is
 * handed: the nodes poll the database. Never fails the submission: the job is already on record, and what is not
 * handed over is left to the poll.
 */
@FunctionalInterface
public interface JobDispatch {
    JobDispatch NONE = (receptionNumber, total) -> { };

    /** Called after the job and its {@code total} items were committed, before the caller is answered. */
    void committed(String receptionNumber, int total);
}
