package jp.hokensho.center.numbering;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.Retries;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.VerificationNumberIssuer;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues 20-digit verification numbers: a 3-digit node id and a 17-digit counter of that node. Counters
 * are reserved from the database in blocks under a row lock, so numbers stay unique across nodes that
 * share the database and across restarts; the unused rest of a block is skipped, never reused.
 *
 * <p>When half of the current block is used, the thread that takes that number reserves the next block ahead, in
 * its own transaction and outside the issuer's lock: the other threads go on taking numbers from the current block
 * meanwhile instead of all waiting for one database commit (a batch worker's item threads did, one commit per block).
 * A thread waits for a reservation only when both the current block and the one ahead are used up.
 */
public class BlockVerificationNumberIssuer implements VerificationNumberIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(BlockVerificationNumberIssuer.class);

    // Ten million counters per second per node are allowed (NumberingFloor): a block of a thousand is far below that,
    // and a restart skips at most one block, plus the one reserved ahead, of 17-digit counters.
    public static final int DEFAULT_BLOCK_SIZE = 1000;
    static final long MAX_COUNTER = 99_999_999_999_999_999L;

    private final Database database;
    private final int nodeId;
    private final int blockSize;
    private final Clock clock;
    private long next;
    private long blockEnd;
    /** First counter of the block reserved ahead, or -1; guarded by this. */
    private long ahead = -1;
    /** A thread is reserving the block ahead; guarded by this. */
    private boolean reservingAhead;
    /** The end of the block whose block ahead was asked for (once per block, even if it failed); guarded by this. */
    private long aheadAskedAt = -1;

    public BlockVerificationNumberIssuer(Database database, int nodeId) {
        this(database, nodeId, DEFAULT_BLOCK_SIZE, Clock.systemUTC());
    }

    public BlockVerificationNumberIssuer(Database database, int nodeId, int blockSize, Clock clock) {
        if (nodeId < 0 || nodeId > 999) {
            throw new IllegalArgumentException("node id must be 000-999: " + nodeId);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        this.database = database;
        this.nodeId = nodeId;
        this.blockSize = blockSize;
        this.clock = clock;
    }

    @Override
    public String next() {
        long counter;
        boolean reserveAhead;
        synchronized (this) {
            if (next >= blockEnd) {
                if (ahead >= 0) {
                    next = ahead;
                    ahead = -1;
                } else {
                    // Nothing ahead (the first number, or the block ahead is still being reserved): reserve now.
                    next = reserveBlock();
                }
                blockEnd = next + blockSize;
            }
            counter = next++;
            // Once per block: a refused or failed reservation ahead is not tried again for every number.
            reserveAhead = ahead < 0 && !reservingAhead && aheadAskedAt != blockEnd && blockEnd - next <= blockSize / 2;
            if (reserveAhead) {
                reservingAhead = true;
                aheadAskedAt = blockEnd;
            }
        }
        if (reserveAhead) {
            reserveAhead();
        }
        if (counter > MAX_COUNTER) {
            throw new IllegalStateException("verification numbers of node " + nodeId + " are exhausted");
        }
        return String.format("%03d%017d", nodeId, counter);
    }

    // Outside the lock. A failure here is not this verification's: the block is reserved again when it is needed.
    private void reserveAhead() {
        long first = -1;
        try {
            first = Retries.onLockConflict(5, "verification number block", this::reserveOnce);
            LOG.debug("Node {} reserved verification counters {}..{} ahead", nodeId, first, first + blockSize - 1);
        } catch (RuntimeException e) {
            // Right after a restore this second's ceiling may refuse it (NumberingFloor): reserved when needed.
            LOG.debug("Node {} could not reserve the next block of verification counters ahead: {}", nodeId,
                    e.toString());
        } finally {
            synchronized (this) {
                ahead = first;
                reservingAhead = false;
            }
        }
    }

    private long reserveBlock() {
        long first;
        try {
            first = Retries.onLockConflict(5, "verification number block", this::reserveOnce);
        } catch (CeilingNotReached early) {
            // Right after a restore the counters start at this second's ceiling: the first block is allowed from
            // the next second on (NumberingFloor). Wait for it once rather than fail the verification.
            sleepUntilNextSecond();
            first = Retries.onLockConflict(5, "verification number block", this::reserveOnce);
        }
        LOG.debug("Node {} reserved verification counters {}..{}", nodeId, first, first + blockSize - 1);
        return first;
    }

    private long reserveOnce() {
        try {
            return lockAndReserve();
        } catch (ConstraintViolationException e) {
            // The node's row was first created by another instance at the same moment: it exists now.
            return lockAndReserve();
        }
    }

    private long lockAndReserve() {
        return database.fromTransaction(session -> {
            var now = StoredTime.now(clock);
            NumberBlockEntity row = session.find(NumberBlockEntity.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                // A node new to this database starts at the floor a restore may have raised (NumberingFloor).
                long floor = session.createNativeQuery("SELECT min_counter FROM verification_number_floor WHERE id = 1",
                        Long.class).getSingleResult();
                row = new NumberBlockEntity(nodeId, Math.max(1, floor), now);
                session.persist(row);
                // The insert takes the row lock until commit, as SELECT ... FOR UPDATE would.
            }
            long first = row.reserve(blockSize, now);
            long ceiling = NumberingFloor.ceilingAt(clock.instant());
            if (first + blockSize > ceiling) {
                // Only right after a restore (ten million a second is never reached otherwise); refusing keeps the
                // rule a restore relies on, and rolls the reservation back.
                throw new CeilingNotReached("verification counters of node " + nodeId + " would pass " + ceiling
                        + ", the most this clock allows now (NumberingFloor): numbers are not issued");
            }
            return first;
        });
    }

    private void sleepUntilNextSecond() {
        long millis = 1000 - clock.instant().toEpochMilli() % 1000 + 5;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the numbering ceiling", e);
        }
    }

    /** The block would reach the clock's ceiling: allowed once the clock has moved on (see NumberingFloor). */
    private static final class CeilingNotReached extends IllegalStateException {
        CeilingNotReached(String message) {
            super(message);
        }
    }

    public int nodeId() {
        return nodeId;
    }
}
