package jp.hokensho.center.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic jobs, each under its {@link JobLease}: every {@code tick} each job is offered to this node,
 * which runs it if no other node holds it and it is due. One thread, so jobs of a node never overlap.
 */
public final class LeasedJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedJobs.class);

    private final DataSource dataSource;
    private final String holder;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public LeasedJobs(DataSource dataSource, String holder, Clock clock) {
        this.dataSource = dataSource;
        this.holder = holder;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leased-jobs");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code work} every {@code interval} on one node at a time (checked every {@code tick}). */
    public JobLease every(String jobName, Duration interval, Duration leaseTime, Duration tick, Runnable work) {
        return schedule(jobName, leaseTime, tick, last -> last.isEmpty()
                || !last.get().plus(interval).isAfter(clock.instant()), work);
    }

    /** Runs {@code work} once a day after {@code time} in {@code zone}, on one node. */
    public JobLease daily(String jobName, LocalTime time, ZoneId zone, Duration leaseTime, Duration tick,
                          Runnable work) {
        return schedule(jobName, leaseTime, tick, last -> isDailyDue(last, time, zone, clock.instant()), work);
    }

    /** Due when the latest scheduled moment at or before {@code now} has passed since the last completion. */
    static boolean isDailyDue(Optional<Instant> last, LocalTime time, ZoneId zone, Instant now) {
        ZonedDateTime today = now.atZone(zone).with(time);
        Instant latestSlot = (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
        return last.isEmpty() || last.get().isBefore(latestSlot);
    }

    private JobLease schedule(String jobName, Duration leaseTime, Duration tick, Predicate<Optional<Instant>> due,
                              Runnable work) {
        JobLease lease = new JobLease(dataSource, jobName, holder, leaseTime, clock);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (lease.runIfDue(due, work)) {
                    LOG.info("job {} completed on {}", jobName, holder);
                }
            } catch (Exception e) {
                // The next tick tries again.
                LOG.error("job {} failed on {}", jobName, holder, e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return lease;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
