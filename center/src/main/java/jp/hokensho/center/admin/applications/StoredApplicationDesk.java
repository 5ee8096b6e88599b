package jp.hokensho.center.admin.applications;

import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.center.identity.store.UserAccountEntity;
import jp.hokensho.center.organisation.OrganisationEntity;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationDecision;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.admin.UserSummary;
import jp.hokensho.routes.port.ApplicationDesk;
import jp.hokensho.routes.port.ApplicationRefused;
import jp.hokensho.routes.port.Caller;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications at the center's database. A user application is carried out in the same transaction that
 * records its decision, so an approval either changes the account and is recorded, or neither; an organisation
 * application is carried out by {@link OrganisationDecisions} (the {@code center org} logic) first and recorded
 * after.
 */
public final class StoredApplicationDesk implements ApplicationDesk {
    private static final Logger LOG = LoggerFactory.getLogger(StoredApplicationDesk.class);
    /** Birth dates are Japanese calendar dates. */
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Database database;
    private final PasswordHasher hasher;
    private final OrganisationDecisions organisationDecisions;
    private final Clock clock;

    public StoredApplicationDesk(Database database, PasswordHasher hasher, OrganisationDecisions organisationDecisions,
                                 Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.organisationDecisions = organisationDecisions;
        this.clock = clock;
    }

    @Override
    public Application submit(Caller applicant, NewApplication submitted) {
        NewApplication application = TrimmedApplication.of(submitted);
        ApplicationKind kind = application.getKind();
        long id = database.fromTransaction(session -> {
            String organisationCode = kind == ApplicationKind.ORGANISATION_REGISTER
                    ? registrable(session, application) : applicant.organisationCode();
            OrganisationKind organisationKind = kind == ApplicationKind.ORGANISATION_REGISTER
                    ? ApplicationChecks.organisationKind(application.getOrganisation().getKind())
                    : activeOrganisation(session, organisationCode).getKind();
            check(session, kind, organisationCode, organisationKind, application);
            return jdbc(session, connection -> ApplicationRows.insert(connection, kind, organisationCode,
                    applicant.userId(), applicant.organisationCode(), StoredTime.now(clock), application.getPerson(),
                    application.getOrganisation(), application.getComment()));
        });
        LOG.info("application {} ({}) submitted by {} of {}", id, kind, applicant.userId(),
                applicant.organisationCode());
        return find(id).orElseThrow();
    }

    private void check(Session session, ApplicationKind kind, String organisationCode, OrganisationKind organisationKind,
                       NewApplication application) {
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        switch (kind) {
            case USER_ADD -> {
                ApplicationChecks.newPerson(application.getPerson(), organisationKind, today);
                UserAccounts.checkAddable(session, organisationCode, application.getPerson());
                String userId = application.getPerson().getUserId();
                boolean pending = jdbc(session, connection -> ApplicationRows.pending(connection, kind,
                        organisationCode)).stream().anyMatch(other -> other.getPerson().getUserId().equals(userId));
                if (pending) {
                    throw new ApplicationRefused("APPLICATION_PENDING", "person.userId", "an application to add "
                            + userId + " is pending already");
                }
            }
            case USER_CHANGE -> {
                ApplicationChecks.changedPerson(application.getPerson(), organisationKind, today);
                UserAccountEntity account = UserAccounts.activeAccountOf(session, organisationCode,
                        application.getPerson().getUserId(), LockModeType.NONE);
                UserAccounts.checkChangeable(session, organisationCode, application.getPerson(), account);
            }
            case USER_REMOVE -> {
                ApplicationChecks.removedPerson(application.getPerson());
                UserAccounts.activeAccountOf(session, organisationCode, application.getPerson().getUserId(),
                        LockModeType.NONE);
            }
            case ORGANISATION_REGISTER -> ApplicationChecks.newOrganisation(application.getOrganisation());
            case ORGANISATION_CHANGE -> ApplicationChecks.changedOrganisation(application.getOrganisation(),
                    organisationKind);
            case ORGANISATION_END -> application.setOrganisation(null);
        }
        if (kind.name().startsWith("USER_")) {
            application.setOrganisation(null);
        } else {
            application.setPerson(null);
        }
    }

    /** The code of the organisation a registration would create: not yet registered, nor pending. */
    private String registrable(Session session, NewApplication application) {
        ApplicationChecks.newOrganisation(application.getOrganisation());
        String code = application.getOrganisation().getCode();
        if (OrganisationRepository.entity(session, code).isPresent()) {
            throw new ApplicationRefused("ORGANISATION_EXISTS", "organisation.code", "organisation " + code
                    + " is registered already");
        }
        if (!jdbc(session, connection -> ApplicationRows.pending(connection, ApplicationKind.ORGANISATION_REGISTER,
                code)).isEmpty()) {
            throw new ApplicationRefused("APPLICATION_PENDING", "organisation.code", "a registration of " + code
                    + " is pending already");
        }
        return code;
    }

    @Override
    public Optional<Application> find(long id) {
        return database.fromTransaction(session -> jdbc(session, connection -> ApplicationRows.find(connection, id))
                .map(application -> flagged(session, application)));
    }

    @Override
    public List<Application> list(String organisationCode, Set<Category> categories, ApplicationState state) {
        return database.fromTransaction(session -> jdbc(session, connection -> ApplicationRows.list(connection,
                organisationCode, categories, state)).stream().map(application -> flagged(session, application))
                .toList());
    }

    @Override
    public ApplicationDecision decide(Caller decider, long id, boolean approve, String givenReason) {
        String reason = ApplicationChecks.reason(TrimmedApplication.text(givenReason), approve);
        Application application = find(id).orElseThrow(() -> new ApplicationRefused("APPLICATION_NOT_FOUND",
                "applicationId", "no application " + id));
        if (application.getState() != ApplicationState.PENDING) {
            throw alreadyDecided(application);
        }
        ApplicationState state = approve ? ApplicationState.APPROVED : ApplicationState.REJECTED;
        ApplicationDecision decision = new ApplicationDecision();
        if (approve && Category.of(application.getKind()) == Category.ORGANISATION) {
            // The organisation logic keeps its own transactions and the truststore file: carried out first, the
            // decision recorded after; a concurrent second approval finds the organisation changed already.
            organisationDecisions.carryOut(decider.userId(), application);
        }
        database.inTransaction(session -> {
            boolean recorded = jdbc(session, connection -> ApplicationRows.decide(connection, id, state,
                    decider.userId(), StoredTime.now(clock), reason));
            if (!recorded) {
                throw alreadyDecided(application);
            }
            if (approve && Category.of(application.getKind()) == Category.USER) {
                decision.setOneTimePassword(carryOut(session, application));
            }
        });
        LOG.info("application {} ({} of {}) {} by {}{}", id, application.getKind(), application.getOrganisationCode(),
                state, decider.userId(), reason == null ? "" : ": " + reason);
        decision.setApplication(find(id).orElseThrow());
        return decision;
    }

    /** @return the one-time password of a new account, else null */
    private String carryOut(Session session, Application application) {
        String organisationCode = application.getOrganisationCode();
        var person = application.getPerson();
        switch (application.getKind()) {
            case USER_ADD -> {
                OrganisationEntity organisation = OrganisationRepository.requireEntity(session, organisationCode);
                if (organisation.getEndedAt() != null) {
                    throw new ApplicationRefused("ORGANISATION_ENDED", null, "organisation " + organisationCode
                            + " has ended");
                }
                UserAccounts.checkAddable(session, organisationCode, person);
                String oneTimePassword = OneTimePasswords.next();
                UserAccounts.add(session, organisation, person, hasher.hash(oneTimePassword), StoredTime.now(clock));
                return oneTimePassword;
            }
            case USER_CHANGE -> {
                UserAccountEntity account = UserAccounts.activeAccountOf(session, organisationCode,
                        person.getUserId(), LockModeType.NONE);
                UserAccounts.checkChangeable(session, organisationCode, person, account);
                UserAccounts.change(account, person);
            }
            case USER_REMOVE -> UserAccounts.activeAccountOf(session, organisationCode, person.getUserId(),
                    LockModeType.NONE).end(StoredTime.now(clock));
            default -> throw new IllegalStateException("not a user application: " + application.getKind());
        }
        return null;
    }

    @Override
    public List<UserSummary> users(String organisationCode) {
        return database.fromTransaction(session -> UserAccounts.all(session, organisationCode).stream()
                .map(UserSummaries::of).toList());
    }

    /** Adds the organisation's name and, for the reviewer, the same person's active accounts elsewhere. */
    private Application flagged(Session session, Application application) {
        OrganisationRepository.entity(session, application.getOrganisationCode())
                .ifPresent(organisation -> application.setOrganisationName(organisation.getName()));
        var person = application.getPerson();
        if (person != null && application.getState() == ApplicationState.PENDING
                && application.getKind() != ApplicationKind.USER_REMOVE) {
            SamePerson.activeAccounts(session, person.getName(), person.getKana(), person.getBirthDate(),
                            person.getUserId()).stream()
                    .filter(account -> !account.getOrganisation().getCode().equals(application.getOrganisationCode()))
                    .forEach(account -> application.getFlag().add("同一人物の可能性: "
                            + account.getOrganisation().getName() + "（" + account.getOrganisation().getCode()
                            + "）の有効なアカウント " + account.getUserId()));
        }
        return application;
    }

    private static OrganisationEntity activeOrganisation(Session session, String code) {
        OrganisationEntity organisation = OrganisationRepository.requireEntity(session, code);
        if (organisation.getEndedAt() != null) {
            throw new ApplicationRefused("ORGANISATION_ENDED", null, "organisation " + code + " has ended");
        }
        return organisation;
    }

    private static ApplicationRefused alreadyDecided(Application application) {
        return new ApplicationRefused("ALREADY_DECIDED", "applicationId", "application " + application.getId()
                + " was decided already");
    }

    @FunctionalInterface
    private interface JdbcWork<T> {
        T on(Connection connection) throws SQLException;
    }

    /** JDBC on the session's own connection, so it shares the session's transaction. */
    private static <T> T jdbc(Session session, JdbcWork<T> work) {
        return session.doReturningWork(work::on);
    }
}
