package jp.hokensho.center.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database lease on one periodic job ({@code job_lease}), so that among nodes sharing the database one runs it at
 * a time. Taking the lease is one conditional UPDATE (or the first INSERT of the row), atomic on H2 and MariaDB; a
 * node that dies while holding it loses it when {@code leaseTime} runs out. The row also keeps when the job last
 * completed, so that a job due once a period runs once, whichever node wakes first.
 */
public final class JobLease {
    private static final Logger LOG = LoggerFactory.getLogger(JobLease.class);

    private final DataSource dataSource;
    private final String jobName;
    private final String holder;
    private final Duration leaseTime;
    private final Clock clock;

    /**
     * @param holder    this node's name in the row (node id and host), for the operator who looks
     * @param leaseTime longer than the job ever runs: another node takes over only after it
     */
    public JobLease(DataSource dataSource, String jobName, String holder, Duration leaseTime, Clock clock) {
        this.dataSource = dataSource;
        this.jobName = jobName;
        this.holder = holder;
        this.leaseTime = leaseTime;
        this.clock = clock;
    }

    /**
     * Takes the lease, and if {@code due} says so for the job's last completion (empty: never ran), runs
     * {@code work} and records its completion; releases the lease in any case.
     *
     * @return true if this node ran the job (and it completed)
     */
    public boolean runIfDue(Predicate<Optional<Instant>> due, Runnable work) throws SQLException {
        if (!tryAcquire()) {
            LOG.debug("job {} is held by another node", jobName);
            return false;
        }
        boolean completed = false;
        try {
            if (!due.test(lastCompleted())) {
                return false;
            }
            work.run();
            completed = true;
            return true;
        } finally {
            release(completed);
        }
    }

    /** When the job last completed on any node. */
    public Optional<Instant> lastCompleted() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_completed_at FROM job_lease WHERE job_name = ?")) {
            select.setString(1, jobName);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(StoredTime.toInstant(
                        row.getObject(1, java.time.LocalDateTime.class))) : Optional.empty();
            }
        }
    }

    boolean tryAcquire() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement take = connection.prepareStatement("UPDATE job_lease SET holder = ?,"
                    + " lease_until = ? WHERE job_name = ? AND (lease_until IS NULL OR lease_until < ?)")) {
                take.setString(1, holder);
                take.setObject(2, StoredTime.of(now.plus(leaseTime)));
                take.setString(3, jobName);
                take.setObject(4, StoredTime.of(now));
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement first = connection.prepareStatement(
                    "INSERT INTO job_lease (job_name, holder, lease_until) VALUES (?, ?, ?)")) {
                first.setString(1, jobName);
                first.setString(2, holder);
                first.setObject(3, StoredTime.of(now.plus(leaseTime)));
                return first.executeUpdate() == 1;
            } catch (SQLIntegrityConstraintViolationException e) {
                return false; // the row exists and someone else holds it
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState()) || "23000".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    private void release(boolean completed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            String sql = completed
                    ? "UPDATE job_lease SET lease_until = NULL, last_completed_at = ? WHERE job_name = ? AND holder = ?"
                    : "UPDATE job_lease SET lease_until = NULL WHERE job_name = ? AND holder = ?";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int i = 1;
                if (completed) {
                    update.setObject(i++, StoredTime.now(clock));
                }
                update.setString(i++, jobName);
                update.setString(i, holder);
                update.executeUpdate();
            }
        }
    }

    public String jobName() {
        return jobName;
    }
}
