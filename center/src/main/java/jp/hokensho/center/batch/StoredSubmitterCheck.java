package jp.hokensho.center.batch;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.center.security.RolePermissions;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Submitter;
import jp.hokensho.routes.port.SubmitterCheck;

/**
 * The submitter of a batch checked again against the center's database, as a request would be: the key that
 * signed submitBatch still registered to the organisation, not revoked and not expired; the person still of that
 * organisation and not locked. Read on every call, so a revocation on any node stops the next item.
 */
public final class StoredSubmitterCheck implements SubmitterCheck {
    private final CertificateStore certificates;
    private final UserAccountStore users;
    private final Clock clock;

    public StoredSubmitterCheck(CertificateStore certificates, UserAccountStore users, Clock clock) {
        this.certificates = certificates;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Standing standing(Submitter submitter) {
        Instant now = clock.instant();
        Optional<CertificateView> key = serial(submitter.keySerial()).flatMap(certificates::find);
        if (key.isEmpty() || !key.get().organisationCode().equals(submitter.organisationCode())) {
            return Standing.invalid(RefusalReason.UNKNOWN_KEY.name(), "key " + submitter.keySerial()
                    + " is not registered to organisation " + submitter.organisationCode());
        }
        if (key.get().revoked()) {
            return Standing.invalid(RefusalReason.REVOKED_KEY.name(), "key " + submitter.keySerial() + " revoked at "
                    + key.get().revokedAt());
        }
        if (!key.get().usableAt(now)) {
            return Standing.invalid(RefusalReason.EXPIRED_KEY.name(), "key " + submitter.keySerial()
                    + " not valid now (until " + key.get().notAfter() + ")");
        }
        Optional<UserAccountView> user = users.find(submitter.userId());
        if (user.isEmpty()) {
            return Standing.invalid(RefusalReason.UNKNOWN_USER.name(), "no such user any more");
        }
        if (!user.get().organisationCode().equals(submitter.organisationCode())) {
            return Standing.invalid(RefusalReason.ORGANISATION_MISMATCH.name(), "the person is now of organisation "
                    + user.get().organisationCode());
        }
        if (user.get().ended()) {
            return Standing.invalid(RefusalReason.ACCOUNT_ENDED.name(), "account ended at " + user.get().endedAt());
        }
        if (user.get().disabled()) {
            return Standing.invalid(RefusalReason.ACCOUNT_DISABLED.name(), "disabled at " + user.get().disabledAt());
        }
        if (user.get().lockedAt(now)) {
            return Standing.invalid(RefusalReason.LOCKED.name(), "locked until " + user.get().lockedUntil());
        }
        UserAccountView person = user.get();
        return Standing.valid(new Caller(person.userId(), person.organisationCode(), person.organisationName(),
                person.role(), RolePermissions.of(person.role())));
    }

    // Jobs received before the key was kept with them have none: they cannot be checked, so they do not run.
    private static Optional<BigInteger> serial(String keySerial) {
        try {
            return keySerial == null ? Optional.empty() : Optional.of(new BigInteger(keySerial));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
