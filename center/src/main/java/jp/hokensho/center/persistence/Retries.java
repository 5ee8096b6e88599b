package jp.hokensho.center.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a whole transaction when the database gave up on a lock: a lock wait timeout, a deadlock, or
 * (on Galera) a certification failure, which MariaDB reports as a deadlock.
 */
public final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);

    private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MARIADB_DEADLOCK = 1213;
    private static final int H2_LOCK_TIMEOUT = 50200;

    private Retries() {
    }

    /** Runs {@code transaction} up to {@code attempts} times while it fails on a lock. */
    public static <T> T onLockConflict(int attempts, String what, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isLockConflict(e)) {
                    throw e;
                }
                LOG.warn("{}: lock conflict on attempt {} of {}, retrying: {}", what, attempt, attempts,
                        e.toString());
                pause(attempt);
            }
        }
    }

    static boolean isLockConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.exception.LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                    || sql.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT || sql.getErrorCode() == MARIADB_DEADLOCK
                    || sql.getErrorCode() == H2_LOCK_TIMEOUT)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    // Back off a little, with jitter, so colliding nodes do not collide again at once.
    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 20 * attempt) + 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
