package jp.hokensho.center.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.jobs.JobLease;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the audit chains outside the database: signs a chain's head with the center's key every
 * {@code everyRecords} appends to it and, for every chain, at least every {@code interval} while it grows, on its own
 * thread (a request never waits for it). Each checkpoint goes to {@code audit_checkpoint} and, as one line, to the
 * logger {@value #LOGGER}, kept apart from the database. Any node may sign any chain's checkpoint (the periodic one
 * anchors the chains of stopped nodes and the legacy chain's tail too); nodes racing for the same checkpoint of a
 * chain are told apart by the table, which lets one win and the others take the next.
 */
public final class AuditCheckpointer implements AutoCloseable {
    /** The logger each checkpoint line goes to. */
    public static final String LOGGER = "jp.hokensho.center.audit.checkpoint";
    private static final Logger CHECKPOINTS = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpointer.class);

    private final AuditCheckpointStore store;
    private final CheckpointSignature signature;
    private final int everyRecords;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    public AuditCheckpointer(javax.sql.DataSource dataSource, CheckpointSignature signature, int everyRecords,
                             Clock clock) {
        if (everyRecords < 1) {
            throw new IllegalArgumentException("audit checkpoints every " + everyRecords + " records: must be 1 or more");
        }
        this.store = new AuditCheckpointStore(dataSource);
        this.signature = signature;
        this.everyRecords = everyRecords;
        this.clock = clock;
    }

    /** Starts the timer; appends at a multiple of {@code everyRecords} also wake it (see {@link #appended}). */
    public synchronized void start(Duration interval) {
        start(interval, null);
    }

    /**
     * Like {@link #start(Duration)}, with the timer's checkpoints written under {@code lease}, so that of several
     * nodes one signs the periodic checkpoint each interval (the others would lose the race for it anyway, after
     * the work). The checkpoints every {@code everyRecords} appends are written by the node that appended.
     */
    public synchronized void start(Duration interval, JobLease lease) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("audit checkpoint interval " + interval + ": must be positive");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        Runnable tick = lease == null ? this::checkpointAllQuietly : () -> {
            try {
                // Due when no node did it during the last interval (less a margin for the ticks' jitter).
                lease.runIfDue(last -> last.isEmpty() || !last.get().plus(interval.multipliedBy(9).dividedBy(10))
                        .isAfter(clock.instant()), this::checkpointAllQuietly);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("the audit checkpoint lease could not be taken: {}", e.toString());
            }
        };
        scheduler.scheduleWithFixedDelay(tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Called after each committed append: every {@code everyRecords}-th position of a chain asks for a checkpoint
     * there (the node appending to the chain does).
     */
    public void appended(int chain, long position) {
        ScheduledExecutorService running = scheduler;
        if (position % everyRecords == 0 && running != null && !running.isShutdown()) {
            running.execute(() -> checkpointQuietly(chain, position));
        }
    }

    /** Writes checkpoints up to the current head of every chain; returns how many this node wrote. */
    public synchronized int checkpoint() throws SQLException {
        int written = 0;
        for (int chain : store.chainsWithHead()) {
            written += checkpointUpTo(chain, Long.MAX_VALUE);
        }
        return written;
    }

    /**
     * Writes checkpoints of a chain up to its head or {@code limit}, whichever is lower, in segments of at most
     * {@code everyRecords} records; returns how many this node wrote.
     */
    public synchronized int checkpointUpTo(int chain, long limit) throws SQLException {
        int written = 0;
        while (true) {
            long last = store.lastCheckpointPosition(chain);
            long head = Math.min(store.headPosition(chain), limit);
            if (head <= last) {
                return written;
            }
            long upTo = Math.min(head, last + everyRecords);
            List<String> hashes = store.recordHashes(chain, last, upTo);
            if (hashes.size() != upTo - last) {
                LOG.error("{} has missing positions between {} and {}: no checkpoint written; run audit-verify",
                        AuditChains.describe(chain), last, upTo);
                return written;
            }
            AuditCheckpoint checkpoint = sign(chain, last, upTo, hashes);
            if (store.insert(checkpoint)) {
                CHECKPOINTS.info(checkpoint.logLine());
                written++;
            }
        }
    }

    private AuditCheckpoint sign(int chain, long from, long upTo, List<String> hashes) {
        String headHash = hashes.get(hashes.size() - 1);
        String segmentDigest = AuditCheckpoint.segmentDigestOf(hashes);
        var signedAt = StoredTime.now(clock);
        CheckpointSignature.SigningKey key = signature.signingKey();
        String text = AuditCheckpoint.signedText(chain, upTo, from, headHash, segmentDigest, signedAt, key.serial());
        return new AuditCheckpoint(chain, upTo, from, headHash, segmentDigest, hashes, signedAt, key.serial(),
                key.sign(text));
    }

    private void checkpointQuietly(int chain, long limit) {
        try {
            checkpointUpTo(chain, limit);
        } catch (SQLException | RuntimeException e) {
            // The next tick tries again; until then the newest records are not yet anchored.
            LOG.warn("writing an audit checkpoint of {} failed: {}", AuditChains.describe(chain), e.toString());
        }
    }

    // Each chain apart: one that cannot be anchored (its head row gone) does not keep the others from it.
    private void checkpointAllQuietly() {
        try {
            for (int chain : store.chainsWithHead()) {
                checkpointQuietly(chain, Long.MAX_VALUE);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("reading the audit chains to checkpoint failed: {}", e.toString());
        }
    }

    /** Stops the timer and anchors what was appended until now. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        checkpointAllQuietly();
    }
}
