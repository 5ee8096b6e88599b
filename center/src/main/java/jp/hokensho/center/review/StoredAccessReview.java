package jp.hokensho.center.review;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.ExpiringKey;
import jp.hokensho.center.review.AccessReviewStore.AccountRow;
import jp.hokensho.center.review.AccessReviewStore.KeyRow;
import jp.hokensho.center.review.AccessReviewStore.OrganisationRow;
import jp.hokensho.center.review.AccessReviewStore.SignOffRow;
import jp.hokensho.contract.admin.AccessReview;
import jp.hokensho.contract.admin.AccessReviewOrganisation;
import jp.hokensho.contract.admin.AccessReviewSignOff;
import jp.hokensho.contract.admin.AccessReviewUser;
import jp.hokensho.contract.admin.ReviewAccountStatus;
import jp.hokensho.contract.admin.ReviewKeyStatus;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.AccessReviewPort;
import jp.hokensho.routes.port.AccessReviewPort.AccessReviewRefused;
import jp.hokensho.routes.port.PendingApplications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access review from the database: each person's last use and status against the dormancy periods, each
 * organisation's keys and last sign-off against the review interval, and the pending applications.
 */
public final class StoredAccessReview implements AccessReviewPort {
    private static final Logger LOG = LoggerFactory.getLogger(StoredAccessReview.class);

    private final AccessReviewStore store;
    private final CertificateStore certificates;
    private final PendingApplications applications;
    private final ReviewSettings settings;
    private final Clock clock;

    public StoredAccessReview(AccessReviewStore store, CertificateStore certificates,
                              PendingApplications applications, ReviewSettings settings, Clock clock) {
        this.store = store;
        this.certificates = certificates;
        this.applications = applications;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public AccessReview review() {
        Instant now = clock.instant();
        PendingApplications.Counts pending = applications.pending();
        Map<String, Long> expiring = certificates.expiringWithin(settings.keyExpiryWarning()).stream()
                .collect(Collectors.groupingBy(ExpiringKey::organisationCode, Collectors.counting()));
        Map<String, List<KeyRow>> keys = store.keys().stream().collect(Collectors.groupingBy(KeyRow::organisationCode));
        Map<String, SignOffRow> signOffs = store.lastSignOffs();

        AccessReview review = new AccessReview();
        review.setGeneratedAt(utc(now));
        review.setDormantDays(settings.dormantDays());
        review.setDisableAfterDays(settings.disableAfterDays());
        review.setReviewIntervalDays(settings.intervalDays());
        review.setKeyExpiryWarningDays(settings.keyExpiryWarningDays());
        for (OrganisationRow organisation : store.organisations()) {
            review.getOrganisation().add(organisation(organisation, keys.getOrDefault(organisation.code(), List.of()),
                    expiring.getOrDefault(organisation.code(), 0L).intValue(), signOffs.get(organisation.code()),
                    pending.ofOrganisation(organisation.code()), now));
        }
        Map<String, ReviewKeyStatus> keyStatus = review.getOrganisation().stream().collect(Collectors.toMap(
                AccessReviewOrganisation::getCode, AccessReviewOrganisation::getKeyStatus));
        for (AccountRow account : store.accounts()) {
            review.getUser().add(user(account, keyStatus.getOrDefault(account.organisationCode(),
                    ReviewKeyStatus.NO_VALID_KEY), pending.ofUser(account.userId()), now));
        }
        return review;
    }

    @Override
    public AccessReviewSignOff signOff(String reviewerId, String organisationCode, String comment,
                                       List<String> reenable) {
        List<String> distinct = reenable.stream().distinct().toList();
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        SignOffRow row;
        try {
            row = store.signOff(reviewerId, organisationCode, text, distinct, clock.instant());
        } catch (AccessReviewRefused refused) {
            // The code and names are the caller's input: no line breaks into the log.
            LOG.warn("access review sign-off by {} of organisation {} refused, nothing recorded: {} {}", reviewerId,
                    printable(organisationCode), refused.code(), printable(refused.getMessage()));
            throw refused;
        }
        LOG.info("{} signed off the access review of organisation {}{}", reviewerId, organisationCode,
                distinct.isEmpty() ? "" : ", re-enabling " + distinct);
        return signOff(row);
    }

    /** The organisations whose review is overdue at {@code now}, by code (the health report shows them). */
    public List<String> overdueOrganisations(Instant now) {
        Map<String, SignOffRow> signOffs = store.lastSignOffs();
        return store.organisations().stream()
                .filter(organisation -> !now.isBefore(reviewDue(organisation, signOffs.get(organisation.code()))))
                .map(OrganisationRow::code).toList();
    }

    private AccessReviewOrganisation organisation(OrganisationRow row, List<KeyRow> keys, int expiringKeys,
                                                  SignOffRow lastSignOff, int pending, Instant now) {
        AccessReviewOrganisation organisation = new AccessReviewOrganisation();
        organisation.setCode(row.code());
        organisation.setName(row.name());
        organisation.setKind(row.kind());
        List<KeyRow> usable = keys.stream().filter(key -> key.usableAt(now)).toList();
        organisation.setValidKeys(usable.size());
        organisation.setExpiringKeys(expiringKeys);
        organisation.setRevokedKeys((int) keys.stream().filter(key -> key.revokedAt() != null).count());
        usable.stream().map(KeyRow::notAfter).max(Instant::compareTo).map(StoredAccessReview::utc)
                .ifPresent(organisation::setKeyValidUntil);
        organisation.setKeyStatus(usable.isEmpty() ? ReviewKeyStatus.NO_VALID_KEY
                : expiringKeys >= usable.size() ? ReviewKeyStatus.EXPIRING : ReviewKeyStatus.VALID);
        organisation.setPendingApplications(pending);
        if (lastSignOff != null) {
            organisation.setLastSignOff(signOff(lastSignOff));
        }
        Instant due = reviewDue(row, lastSignOff);
        organisation.setReviewDueAt(utc(due));
        organisation.setOverdue(!now.isBefore(due));
        return organisation;
    }

    /** The last sign-off plus the interval; an organisation never signed off is due an interval after registration. */
    private Instant reviewDue(OrganisationRow organisation, SignOffRow lastSignOff) {
        Instant from = lastSignOff == null ? organisation.createdAt() : lastSignOff.signedOffAt();
        return from.plus(settings.reviewInterval());
    }

    private AccessReviewUser user(AccountRow row, ReviewKeyStatus keyStatus, int pending, Instant now) {
        AccessReviewUser user = new AccessReviewUser();
        user.setUserId(row.userId());
        user.setOrganisationCode(row.organisationCode());
        user.setOrganisationName(row.organisationName());
        user.setRole(row.role());
        user.setRoleName(Role.ofCode(row.role()).map(Role::japanese).orElse(row.role()));
        user.setCreatedAt(utc(row.createdAt()));
        user.setLastUsedAt(utc(row.lastUsedAt()));
        if (row.disabledAt() != null) {
            user.setStatus(ReviewAccountStatus.DISABLED);
            user.setDisabledAt(utc(row.disabledAt()));
            user.setDisabledReason(row.disabledReason());
        } else if (!now.isBefore(row.lastActivity().plus(settings.dormantAfter()))) {
            user.setStatus(ReviewAccountStatus.DORMANT);
            user.setDisableDueAt(utc(row.lastActivity().plus(settings.disabledAfter())));
        } else {
            user.setStatus(ReviewAccountStatus.ACTIVE);
        }
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            user.setLockedUntil(utc(row.lockedUntil()));
        }
        user.setKeyStatus(keyStatus);
        user.setPendingApplications(pending);
        return user;
    }

    private static AccessReviewSignOff signOff(SignOffRow row) {
        AccessReviewSignOff signOff = new AccessReviewSignOff();
        signOff.setOrganisationCode(row.organisationCode());
        signOff.setReviewer(row.reviewer());
        signOff.setSignedOffAt(utc(row.signedOffAt()));
        signOff.setComment(row.comment());
        signOff.getReenabledUser().addAll(row.reenabled());
        return signOff;
    }

    private static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
