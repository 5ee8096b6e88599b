package jp.hokensho.routes.verification;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this node's batch worker when a batch was submitted here, instead of leaving it to the next poll. Signals
 * coalesce: however many arrive while the worker drains, it wakes once and drains again.
 */
final class WorkSignal {
    private final Semaphore permits = new Semaphore(0);

    void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Returns after a signal or {@code millis}, whichever comes first. */
    void await(long millis) {
        try {
            permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
            permits.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
