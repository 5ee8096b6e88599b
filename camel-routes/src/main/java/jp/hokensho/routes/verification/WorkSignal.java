package jp.hokensho.routes.verification;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Wakes this node's batch worker when a batch was submitted here, instead of leaving it to the next poll. Signals
 * coalesce: however many arrive while the worker drains, it wakes once and drains again.
 */
final class WorkSignal {
    private static final long STOP_CHECK_MILLIS = 100;

    private final Semaphore permits = new Semaphore(0);

    void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Returns after a signal, after {@code millis}, or soon after {@code stopping} turned true. */
    void await(long millis, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            for (long left = millis; left > 0 && !stopping.getAsBoolean();
                 left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                // In slices, so that a stopping center does not wait out a long poll interval.
                if (permits.tryAcquire(Math.min(left, STOP_CHECK_MILLIS), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            permits.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
