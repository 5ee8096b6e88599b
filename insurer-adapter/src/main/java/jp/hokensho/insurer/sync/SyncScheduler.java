package jp.hokensho.insurer.sync;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the push sync periodically inside the server ({@code adapter.sync.interval-seconds} &gt; 0): the first
 * run at start, each next one an interval after the previous ended, so runs never overlap.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

    private final ScheduledExecutorService executor;

    private SyncScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** @param run one sync run; a run that throws is logged and the schedule goes on */
    public static SyncScheduler start(Duration interval, Supplier<SyncReport> run) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "card-sync");
            t.setDaemon(true);
            return t;
        });
        // An exception escaping a scheduled task cancels every later run silently: catch everything here.
        executor.scheduleWithFixedDelay(() -> {
            try {
                SyncReport report = run.get();
                if (!report.ok()) {
                    LOG.warn("Scheduled sync did not deliver everything; the next run retries");
                }
            } catch (Throwable e) {
                LOG.error("Scheduled sync failed; the next run retries", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Card sync every {} s", interval.toSeconds());
        return new SyncScheduler(executor);
    }

    /** Stops scheduling and waits briefly for a run in progress (the cursor makes an abandoned run harmless). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("A sync run did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
