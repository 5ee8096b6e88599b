package jp.hokensho.center.monitoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each real-time insurer's calls per hour, counted in memory and added to {@code insurer_availability} every
 * flush period and on close: a verification costs no extra write. A crash loses the counts since the last flush
 * (at most one period). A failed flush keeps its counts for the next one.
 */
public final class AvailabilityLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityLedger.class);
    private static final String UPDATE = "UPDATE insurer_availability SET answered = answered + ?, failed = failed + ?,"
            + " short_circuited = short_circuited + ?, breaker_openings = breaker_openings + ?,"
            + " latency_ms_total = latency_ms_total + ?, latency_ms_max = GREATEST(latency_ms_max, ?), updated_at = ?"
            + " WHERE insurer_number = ? AND hour_start = ? AND node_id = ?";
    private static final String INSERT = "INSERT INTO insurer_availability (answered, failed, short_circuited,"
            + " breaker_openings, latency_ms_total, latency_ms_max, updated_at, insurer_number, hour_start, node_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** What happened to one call, as the ledger counts it. */
    public enum Outcome { ANSWERED, FAILED, SHORT_CIRCUITED, BREAKER_OPENED }

    private record Key(String insurerNumber, Instant hour) {
    }

    /** Counts of one insurer in one hour; changed only inside the map's compute, so a flush never loses one. */
    private static final class Counts {
        long answered;
        long failed;
        long shortCircuited;
        long openings;
        long latencyTotal;
        long latencyMax;

        Counts add(Counts other) {
            answered += other.answered;
            failed += other.failed;
            shortCircuited += other.shortCircuited;
            openings += other.openings;
            latencyTotal += other.latencyTotal;
            latencyMax = Math.max(latencyMax, other.latencyMax);
            return this;
        }
    }

    private final Map<Key, Counts> pending = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final int nodeId;
    private final Clock clock;
    private ScheduledExecutorService flusher;

    public AvailabilityLedger(DataSource dataSource, int nodeId, Clock clock) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public void count(String insurerNumber, Outcome outcome, long latencyMillis) {
        Key key = new Key(insurerNumber, clock.instant().truncatedTo(ChronoUnit.HOURS));
        pending.compute(key, (k, counts) -> {
            Counts c = counts == null ? new Counts() : counts;
            switch (outcome) {
                case ANSWERED -> {
                    c.answered++;
                    c.latencyTotal += latencyMillis;
                    c.latencyMax = Math.max(c.latencyMax, latencyMillis);
                }
                case FAILED -> c.failed++;
                case SHORT_CIRCUITED -> c.shortCircuited++;
                case BREAKER_OPENED -> c.openings++;
            }
            return c;
        });
    }

    /** Flushes every {@code period} on a daemon thread until {@link #close()}. */
    public void start(Duration period) {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "availability-ledger");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds the counts so far to the table; synchronized: the timer and close may both call it. */
    public synchronized void flush() {
        for (Key key : List.copyOf(pending.keySet())) {
            Counts counts = pending.remove(key);
            if (counts == null) {
                continue;
            }
            try {
                write(key, counts);
            } catch (SQLException | RuntimeException e) {
                pending.merge(key, counts, Counts::add);
                LOG.warn("could not store the availability of insurer {} (kept for the next flush): {}",
                        key.insurerNumber(), e.toString());
                return;
            }
        }
    }

    private void write(Key key, Counts counts) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                // Only this node writes its rows, one flush at a time: update, else insert, cannot race.
                if (bind(connection, UPDATE, key, counts) == 0) {
                    bind(connection, INSERT, key, counts);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private int bind(Connection connection, String sql, Key key, Counts counts) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, counts.answered);
            statement.setLong(2, counts.failed);
            statement.setLong(3, counts.shortCircuited);
            statement.setLong(4, counts.openings);
            statement.setLong(5, counts.latencyTotal);
            statement.setLong(6, counts.latencyMax);
            statement.setObject(7, StoredTime.now(clock));
            statement.setString(8, key.insurerNumber());
            statement.setObject(9, StoredTime.of(key.hour()));
            statement.setInt(10, nodeId);
            return statement.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flush();
    }
}
