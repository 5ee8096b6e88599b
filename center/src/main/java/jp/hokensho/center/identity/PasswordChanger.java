package jp.hokensho.center.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.security.CredentialCache;
import jp.hokensho.center.security.PasswordAuthenticator.LockoutPolicy;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.port.PasswordChangePort;
import jp.hokensho.routes.port.PasswordChangeRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person changes their own password: the old one is checked against the stored hash (a wrong one counts
 * as a failed login, towards the lockout), the new one must meet {@link PasswordRules}; then the new hash is
 * stored (failures and lock cleared) and the credential cache entry dropped, so the old password is refused
 * on the very next request.
 */
public final class PasswordChanger implements PasswordChangePort {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordChanger.class);

    private final UserAccountStore users;
    private final PasswordHasher hasher;
    private final CredentialCache cache;
    private final PasswordRules rules;
    private final LockoutPolicy lockout;
    private final Clock clock;

    public PasswordChanger(UserAccountStore users, PasswordHasher hasher, CredentialCache cache, PasswordRules rules,
                           LockoutPolicy lockout, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.cache = cache;
        this.rules = rules;
        this.lockout = lockout;
        this.clock = clock;
    }

    @Override
    public OffsetDateTime change(String userId, String oldPassword, String newPassword) throws PasswordChangeRefused {
        UserAccountView user = users.find(userId).orElse(null);
        if (user == null || !hasher.matches(oldPassword, user.passwordHash())) {
            users.recordFailure(userId, lockout.failuresBeforeLock(), lockout.window(), lockout.lockFor());
            cache.forget(userId);
            LOG.info("password change of {} refused: wrong old password", userId);
            throw PasswordChangeRefused.wrongOldPassword();
        }
        PasswordRules.Violation violation = rules.check(userId, oldPassword, newPassword).orElse(null);
        if (violation != null) {
            LOG.info("password change of {} refused: {}", userId, violation.rule());
            throw PasswordChangeRefused.rule(violation.rule(), violation.explanation());
        }
        UserAccountView changed = users.changePassword(userId, hasher.hash(newPassword))
                .orElseThrow(() -> new IllegalStateException("user " + userId + " vanished during a password change"));
        cache.forget(userId);
        LOG.info("password of {} changed", userId);
        OffsetDateTime at = changed.passwordChangedAt() != null
                ? changed.passwordChangedAt().atOffset(ZoneOffset.UTC) : OffsetDateTime.now(clock);
        return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
