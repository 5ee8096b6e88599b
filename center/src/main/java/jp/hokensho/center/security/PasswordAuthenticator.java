package jp.hokensho.center.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a person's ID and password against the user table, for a key of a given organisation: the person
 * must belong to it before the password is even looked at (so another organisation's key can neither guess
 * nor lock the person's password), then lockout after repeated failures and the slow hash only on a cache
 * miss. Unknown users and people of another organisation cost the time of one hash, like a wrong password.
 * A disabled account (access review, policy 2) is refused like a locked one. Each accepted person's last use is
 * noted for the access review, at most once a day (see {@link #noteUse}).
 */
public final class PasswordAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordAuthenticator.class);
    /** A "day" of use is a Japanese calendar day, whatever zone the server runs in. */
    private static final ZoneId DAY_ZONE = ZoneId.of("Asia/Tokyo");
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

    /** @param keyOrganisation the organisation the signing key was issued to */
    public Result authenticate(String userId, String password, String keyOrganisation) {
        // Read on every request, cache or not: a lock or a password change on another node counts at once.
        Optional<UserAccountView> found = users.find(userId);
        if (found.isEmpty()) {
            hasher.matchesNothing(password);
            return Result.refused(RefusalReason.UNKNOWN_USER);
        }
        UserAccountView user = found.get();
        if (!user.organisationCode().equals(keyOrganisation)) {
            hasher.matchesNothing(password);
            return Result.refused(RefusalReason.ORGANISATION_MISMATCH);
        }
        if (user.ended()) {
            // Refused whatever the password, from the very next request after the removal (like a revoked key);
            // the hash still costs its time, so an ended account cannot be told from a wrong password by timing.
            hasher.matchesNothing(password);
            return Result.refused(RefusalReason.ACCOUNT_ENDED);
        }
        if (user.disabled()) {
            return Result.refused(RefusalReason.ACCOUNT_DISABLED);
        }
        if (user.lockedAt(clock.instant())) {
            return Result.refused(RefusalReason.LOCKED);
        }
        if (cache.contains(userId, password, user.passwordHash())) {
            noteUse(user);
            return Result.accepted(user);
        }
        if (!hasher.matches(password, user.passwordHash())) {
            users.recordFailure(userId, lockout.failuresBeforeLock(), lockout.window(), lockout.lockFor());
            cache.forget(userId);
            return Result.refused(RefusalReason.WRONG_PASSWORD);
        }
        if (user.failedAttempts() > 0) {
            users.recordSuccess(userId);
        }
        cache.remember(userId, password, user.passwordHash());
        noteUse(user);
        return Result.accepted(user);
    }

    /**
     * Notes the last successful use for the access review without a write per request (every request already costs
     * several commits): the account row is read on every request anyway, so its {@code lastUsedAt} tells whether
     * today's use is noted; only the first accepted request of a person's day (Asia/Tokyo) writes, one conditional
     * UPDATE that a concurrent request or another node makes a no-op. Unlike an in-memory "noted today" set this
     * needs no memory, survives restarts and is shared by the nodes; unlike deriving it from the access log, the
     * review needs no scan of a growing log (which has no index by user). A failed note is logged and tried again on
     * the person's next request: it never refuses a request.
     */
    private void noteUse(UserAccountView user) {
        Instant now = clock.instant();
        Instant dayStart = now.atZone(DAY_ZONE).toLocalDate().atStartOfDay(DAY_ZONE).toInstant();
        if (user.lastUsedAt() != null && !user.lastUsedAt().isBefore(dayStart)) {
            return;
        }
        try {
            users.recordUse(user.userId(), now, dayStart);
        } catch (RuntimeException e) {
            LOG.warn("could not note the use of account {} for the access review; the next request tries again",
                    user.userId(), e);
        }
    }

    /**
     * How many failures within {@code window} lock an account, and for how long. A failure after the window, or
     * after an expired lock, starts a fresh count.
     */
    public record LockoutPolicy(int failuresBeforeLock, Duration window, Duration lockFor) {
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
