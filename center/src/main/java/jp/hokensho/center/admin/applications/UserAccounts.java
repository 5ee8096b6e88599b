package jp.hokensho.center.admin.applications;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import jp.hokensho.center.identity.store.UserAccountEntity;
import jp.hokensho.center.organisation.OrganisationEntity;
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.routes.port.ApplicationRefused;
import org.hibernate.Session;

/**
 * What a user application does to the accounts, inside the transaction that also records its decision, and the
 * checks that must hold both when it is submitted and when it is approved (others may have changed things in
 * between): one ID per person, the user ID free, the account to change of the applicant's organisation.
 */
final class UserAccounts {
    private UserAccounts() {
    }

    /** A new account may be made for this person in this organisation. */
    static void checkAddable(Session session, String organisationCode, PersonRequest person) {
        if (account(session, person.getUserId(), LockModeType.NONE).isPresent()) {
            throw new ApplicationRefused("USER_ID_TAKEN", "person.userId", "the user ID " + person.getUserId()
                    + " is taken (user IDs are never reused, also of ended accounts)");
        }
        refuseSecondAccount(session, organisationCode, person.getName(), person.getKana(), person.getBirthDate(),
                null);
    }

    /** The active account of {@code userId} in the organisation, to be changed or ended. */
    static UserAccountEntity activeAccountOf(Session session, String organisationCode, String userId,
                                             LockModeType lock) {
        return account(session, userId, lock)
                .filter(account -> account.getOrganisation().getCode().equals(organisationCode) && !account.ended())
                .orElseThrow(() -> new ApplicationRefused("UNKNOWN_USER", "person.userId", "no active account "
                        + userId + " in organisation " + organisationCode));
    }

    /** The changed person must not become a second active account of someone already in the organisation. */
    static void checkChangeable(Session session, String organisationCode, PersonRequest change,
                                UserAccountEntity account) {
        String name = change.getName() != null ? change.getName() : account.getPersonName();
        String kana = change.getKana() != null ? change.getKana() : account.getPersonKana();
        LocalDate birthDate = change.getBirthDate() != null ? change.getBirthDate() : account.getBirthDate();
        refuseSecondAccount(session, organisationCode, name, kana, birthDate, account.getUserId());
    }

    static UserAccountEntity add(Session session, OrganisationEntity organisation, PersonRequest person,
                                 String passwordHash, LocalDateTime now) {
        UserAccountEntity account = new UserAccountEntity(person.getUserId(), organisation, person.getRole(),
                passwordHash, true, now);
        account.describePerson(person.getName(), person.getKana(), person.getBirthDate(), person.getContact());
        session.persist(account);
        return account;
    }

    static void change(UserAccountEntity account, PersonRequest change) {
        if (change.getRole() != null) {
            account.changeRole(change.getRole());
        }
        account.describePerson(change.getName(), change.getKana(), change.getBirthDate(), change.getContact());
    }

    /** Every account of the organisation (null: of every organisation), by organisation and user ID. */
    static List<UserAccountEntity> all(Session session, String organisationCode) {
        String where = organisationCode == null ? "" : " where o.code = :code";
        var query = session.createSelectionQuery("from UserAccountEntity u join fetch u.organisation o" + where
                + " order by o.code, u.userId", UserAccountEntity.class);
        if (organisationCode != null) {
            query.setParameter("code", organisationCode);
        }
        return query.getResultList();
    }

    private static void refuseSecondAccount(Session session, String organisationCode, String name, String kana,
                                            LocalDate birthDate, String exceptUserId) {
        SamePerson.activeAccounts(session, name, kana, birthDate, exceptUserId).stream()
                .filter(account -> account.getOrganisation().getCode().equals(organisationCode))
                .findFirst().ifPresent(account -> {
                    throw new ApplicationRefused("SAME_PERSON_ACTIVE", "person", "this person already has the active "
                            + "account " + account.getUserId() + " in organisation " + organisationCode
                            + " (one ID per person)");
                });
    }

    private static Optional<UserAccountEntity> account(Session session, String userId, LockModeType lock) {
        return session.createSelectionQuery("from UserAccountEntity u join fetch u.organisation "
                        + "where u.userId = :userId", UserAccountEntity.class)
                .setParameter("userId", userId).setLockMode(lock).uniqueResultOptional();
    }
}
