package jp.hokensho.center.identity.store;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.JdbcReads;
import jp.hokensho.center.persistence.Retries;
import jp.hokensho.center.persistence.StoredTime;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** User accounts: lookup for authentication, failure counting and lockout, password changes. */
public class UserAccountStore {
    private static final Logger LOG = LoggerFactory.getLogger(UserAccountStore.class);
    private static final int LOCK_ATTEMPTS = 5;

    private final Database database;
    private final JdbcReads reads;
    private final Clock clock;

    public UserAccountStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public UserAccountStore(Database database, Clock clock) {
        this.database = database;
        this.reads = new JdbcReads(database.dataSource());
        this.clock = clock;
    }

    /** The account and its organisation, in one statement (read on every request, by the password check). */
    public Optional<UserAccountView> find(String userId) {
        return reads.one(UserAccountEntity.VIEW_BY_USER_ID, UserAccountEntity::viewOf, userId);
    }

    /** The accounts of one organisation, by user ID. */
    public List<UserAccountView> findByOrganisation(String organisationCode) {
        return database.fromTransaction(session -> session.createSelectionQuery(
                        "from UserAccountEntity u join fetch u.organisation o where o.code = :code order by u.userId",
                        UserAccountEntity.class)
                .setParameter("code", organisationCode)
                .getResultList().stream().map(UserAccountEntity::toView).toList());
    }

    /** Creates an account whose password its holder chose; the organisation must exist, the user ID be free. */
    public UserAccountView create(String userId, String organisationCode, String role, String passwordHash) {
        return create(userId, organisationCode, role, passwordHash, false);
    }

    /**
     * Creates an account; the organisation must exist and the user ID must be free.
     *
     * @param passwordChangeRequired true for a one-time password handed out by the center staff: every operation
     *                               but the password change is then refused until it is changed
     */
    public UserAccountView create(String userId, String organisationCode, String role, String passwordHash,
                                  boolean passwordChangeRequired) {
        UserAccountView created = database.fromTransaction(session -> {
            var organisation = OrganisationRepository.requireEntity(session, organisationCode);
            var entity = new UserAccountEntity(userId, organisation, role, passwordHash, passwordChangeRequired,
                    StoredTime.now(clock));
            session.persist(entity);
            return entity.toView();
        });
        LOG.info("Created user {} of organisation {} with role {}", userId, organisationCode, role);
        return created;
    }

    /**
     * Counts one failed login under a row lock (concurrent failures all count) and, once {@code lockAfter}
     * failures fall within {@code window}, locks the account for {@code lockFor}; an expired lock or a passed
     * window starts a fresh count. Unknown users: empty, no effect.
     */
    public Optional<UserAccountView> recordFailure(String userId, int lockAfter, Duration window, Duration lockFor) {
        return update(userId, entity -> entity.recordFailure(lockAfter, window, lockFor, StoredTime.now(clock)));
    }

    /** A successful login: the failure count and any lock are cleared. */
    public Optional<UserAccountView> recordSuccess(String userId) {
        return update(userId, UserAccountEntity::recordSuccess);
    }

    /** Center staff lift a lockout: clears the failure count and the lock. */
    public Optional<UserAccountView> unlock(String userId) {
        return update(userId, UserAccountEntity::recordSuccess);
    }

    /**
     * Re-enables a disabled account (access review, policy 2), restarting its dormancy count; true when it was
     * disabled. The review's sign-off does the same for the people the reviewer names.
     */
    public boolean enable(String userId) {
        boolean[] enabled = {false};
        update(userId, entity -> enabled[0] = entity.enable(StoredTime.now(clock)));
        return enabled[0];
    }

    /** Replaces the password hash (the caller hashes) and clears failures and lock. */
    public Optional<UserAccountView> changePassword(String userId, String newPasswordHash) {
        return update(userId, entity -> {
            entity.changePassword(newPasswordHash, StoredTime.now(clock));
            entity.recordSuccess();
        });
    }

    public Optional<UserAccountView> changeRole(String userId, String role) {
        return update(userId, entity -> entity.setRole(role));
    }

    /**
     * Notes a successful authentication at {@code now} unless one was already noted since {@code dayStart}: one
     * conditional UPDATE, which changes nothing when another request or node got there first today.
     *
     * @return true when this call wrote it
     */
    public boolean recordUse(String userId, Instant now, Instant dayStart) {
        return database.fromTransaction(session -> session.createMutationQuery(
                        "update UserAccountEntity u set u.lastUsedAt = :now where u.userId = :userId"
                                + " and (u.lastUsedAt is null or u.lastUsedAt < :dayStart)")
                .setParameter("now", StoredTime.of(now))
                .setParameter("userId", userId)
                .setParameter("dayStart", StoredTime.of(dayStart))
                .executeUpdate() > 0);
    }

    private Optional<UserAccountView> update(String userId, Consumer<UserAccountEntity> change) {
        return Retries.onLockConflict(LOCK_ATTEMPTS, "user account " + userId,
                () -> database.fromTransaction(session -> lockedEntity(session, userId)
                        .map(entity -> {
                            change.accept(entity);
                            return entity.toView();
                        })));
    }

    private static Optional<UserAccountEntity> lockedEntity(Session session, String userId) {
        // Locking reads stay on one table: the organisation row is not locked, and H2 refuses some
        // FOR UPDATE joins; it is then loaded lazily in the same session.
        return session.createSelectionQuery("from UserAccountEntity u where u.userId = :userId",
                        UserAccountEntity.class)
                .setParameter("userId", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .uniqueResultOptional();
    }
}
