package jp.hokensho.center.identity.store;

import java.time.Instant;

/**
 * A user account as the security layer reads it (immutable, detached from the session).
 *
 * @param lockedUntil            null when the account was never locked; a past instant means the lock has expired
 * @param passwordChangeRequired the password was handed out (one-time) and must be changed before anything else
 * @param endedAt                null while the account is in use; set once it was ended on a removal application
 */
public record UserAccountView(String userId, String organisationCode, String organisationName, String role,
                              String passwordHash, int failedAttempts, Instant lockedUntil,
                              Instant passwordChangedAt, boolean passwordChangeRequired,
                              Instant endedAt) {

    /** True while a lock set by repeated failures is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean ended() {
        return endedAt != null;
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "UserAccountView[" + userId + ", organisation=" + organisationCode + ", role=" + role
                + ", failedAttempts=" + failedAttempts + ", lockedUntil=" + lockedUntil
                + ", passwordChangeRequired=" + passwordChangeRequired + ", endedAt=" + endedAt + "]";
    }
}
