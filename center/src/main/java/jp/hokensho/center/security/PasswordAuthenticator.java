package jp.hokensho.center.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;

/**
 * Checks a person's ID and password against the user table: lockout after repeated failures, the slow
 * hash only on a cache miss, and the same cost for unknown users as for known ones.
 */
public final class PasswordAuthenticator {
    private final UserAccountStore users;
    private final PasswordHasher hasher;
    private final CredentialCache cache;
    private final LockoutPolicy lockout;
    private final Clock clock;

    public PasswordAuthenticator(UserAccountStore users, PasswordHasher hasher, CredentialCache cache,
                                 LockoutPolicy lockout, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.cache = cache;
        this.lockout = lockout;
        this.clock = clock;
    }

    public Result authenticate(String userId, String password) {
        Optional<UserAccountView> found = users.find(userId);
        if (found.isEmpty()) {
            hasher.matchesNothing(password);
            return Result.refused(RefusalReason.UNKNOWN_USER);
        }
        UserAccountView user = found.get();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(clock.instant())) {
            return Result.refused(RefusalReason.LOCKED);
        }
        if (cache.contains(userId, password, user.passwordHash())) {
            return Result.accepted(user);
        }
        if (!hasher.matches(password, user.passwordHash())) {
            users.recordFailure(userId, lockout.failuresBeforeLock(), lockout.lockFor());
            cache.forget(userId);
            return Result.refused(RefusalReason.WRONG_PASSWORD);
        }
        if (user.failedAttempts() > 0) {
            users.recordSuccess(userId);
        }
        cache.remember(userId, password, user.passwordHash());
        return Result.accepted(user);
    }

    /** How many consecutive failures lock an account, and for how long. */
    public record LockoutPolicy(int failuresBeforeLock, Duration lockFor) {
    }

    /** The outcome: the user when accepted, the reason when refused. */
    public record Result(UserAccountView user, RefusalReason reason) {
        static Result accepted(UserAccountView user) {
            return new Result(user, null);
        }

        static Result refused(RefusalReason reason) {
            return new Result(null, reason);
        }

        public boolean accepted() {
            return user != null;
        }
    }
}
