package jp.hokensho.center.numbering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;

/**
 * Ties verification-number counters to the clock, so that a restore can jump past every number issued before it,
 * including numbers issued after the backup was taken, which the restored counters do not know about.
 *
 * <p>The rule: a node never reserves a counter at or above {@link #ceilingAt ceilingAt(t)} =
 * (whole seconds since 2020-01-01 UTC at t) × {@value #COUNTERS_PER_SECOND}; the issuer refuses a block that would.
 * So every counter issued before a moment T is below {@code ceilingAt(T)}. A restore at T raises every node's next
 * counter, and the floor new nodes start from, to {@code ceilingAt(T)}: no number issued before the restore can come
 * again, whatever the backup held, however many restores of whichever backup came before. The rule costs nothing in
 * practice: ten million numbers per second per node is some 40,000 times what a node can serve, and counters
 * (17 digits) last until the year 2336. It assumes the restoring machine's clock is not behind the clocks of the
 * nodes that issued the last numbers by more than the time between that last number and the restore (NTP keeps
 * them within a second; a restore follows a failure by minutes).
 *
 * <p>Why not a generation number bumped at each restore: the generation would come from the backup, so restoring
 * the same backup twice (after numbers were issued following the first restore) would reuse a generation.
 */
public final class NumberingFloor {
    public static final long COUNTERS_PER_SECOND = 10_000_000L;
    private static final Instant ORIGIN = Instant.parse("2020-01-01T00:00:00Z");

    private NumberingFloor() {
    }

    /** The first counter a node may not reserve at {@code instant}. */
    public static long ceilingAt(Instant instant) {
        long seconds = Duration.between(ORIGIN, instant).getSeconds();
        return Math.max(1, seconds) * COUNTERS_PER_SECOND;
    }

    /**
     * After a restore: raises every node's next counter, and the floor of nodes not in the database yet, to
     * {@code ceilingAt(now)}. Returns that floor.
     */
    public static long raiseAfterRestore(DataSource dataSource, Clock clock) throws SQLException {
        long floor = ceilingAt(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement nodes = connection.prepareStatement(
                    "UPDATE verification_number_block SET next_counter = ? WHERE next_counter < ?");
                 PreparedStatement newNodes = connection.prepareStatement(
                         "UPDATE verification_number_floor SET min_counter = ?, set_at = ? WHERE id = 1")) {
                nodes.setLong(1, floor);
                nodes.setLong(2, floor);
                nodes.executeUpdate();
                newNodes.setLong(1, floor);
                newNodes.setObject(2, StoredTime.now(clock));
                if (newNodes.executeUpdate() != 1) {
                    throw new SQLException("verification_number_floor has no row 1 (migration V11 missing?)");
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
        return floor;
    }
}
