package jp.hokensho.center.identity.store;

import java.time.Instant;

/**
 * A user account as the security layer reads it (immutable, detached from the session).
 *
 * @param lockedUntil            null when the account was never locked; a past instant means the lock has expired
 * @param passwordChangeRequired the password was handed out (one-time) and must be changed before anything else
 * @param lastUsedAt             the first successful authentication of the last day of use; null when never used
 * @param disabledAt             null while enabled; refused at authentication once set (access review, policy 2)
 * @param endedAt                null while the account is in use; set once it was ended on a removal application
 */
public record UserAccountView(String userId, String organisationCode, String organisationName, String role,
                              String passwordHash, int failedAttempts, Instant lockedUntil,
                              Instant passwordChangedAt, boolean passwordChangeRequired, Instant lastUsedAt,
                              Instant disabledAt, Instant endedAt) {

    /** True while a lock set by repeated failures is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean ended() {
        return endedAt != null;
    }

    /** Never prints the password hash. */
    @Override
    public String toString() {
        return "UserAccountView[" + userId + ", organisation=" + organisationCode + ", role=" + role
                + ", failedAttempts=" + failedAttempts + ", lockedUntil=" + lockedUntil
                + ", passwordChangeRequired=" + passwordChangeRequired + ", lastUsedAt=" + lastUsedAt
                + ", disabledAt=" + disabledAt + ", endedAt=" + endedAt + "]";
    }
}
