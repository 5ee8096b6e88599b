package jp.hokensho.center.identity.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.center.organisation.OrganisationEntity;
import jp.hokensho.center.persistence.JdbcReads;
import jp.hokensho.center.persistence.StoredTime;

/** Row of {@code user_account}: one person (one ID per person) of one organisation. */
@Entity
@Table(name = "user_account")
public class UserAccountEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "user_id", nullable = false, length = 64, unique = true)
    private String userId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id", nullable = false)
    private OrganisationEntity organisation;

    @Column(name = "role", nullable = false, length = 40)
    private String role;

    @Column(name = "password_hash", nullable = false, columnDefinition = "TEXT")
    private String passwordHash;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    /** UTC. */
    @Column(name = "locked_until")
    private LocalDateTime lockedUntil;

    /** UTC: the first failure of the current count; failures after the window start a new count. */
    @Column(name = "failure_window_started_at")
    private LocalDateTime failureWindowStartedAt;

    /** The password was handed out by the center staff and must be changed before anything else. */
    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    /** UTC. */
    @Column(name = "password_changed_at", nullable = false)
    private LocalDateTime passwordChangedAt;

    /** UTC. */
    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    /** UTC: the first successful authentication of the last day of use (written once a day, not per request). */
    @Column(name = "last_used_at")
    private LocalDateTime lastUsedAt;

    /** UTC: refused at authentication from then on (e.g. dormant), until re-enabled; null when enabled. */
    @Column(name = "disabled_at")
    private LocalDateTime disabledAt;

    @Column(name = "disabled_reason", length = 200)
    private String disabledReason;

    /** UTC: the last re-enabling; the dormancy count starts again from it. */
    @Column(name = "reenabled_at")
    private LocalDateTime reenabledAt;

    /** UTC: the account was ended on a removal application; refused at authentication from then on. */
    @Column(name = "ended_at")
    private LocalDateTime endedAt;

    // The person behind the ID (one ID per person); null for accounts made before applications existed.
    @Column(name = "person_name", length = 100)
    private String personName;

    @Column(name = "person_kana", length = 100)
    private String personKana;

    @Column(name = "birth_date")
    private LocalDate birthDate;

    @Column(name = "contact", length = 200)
    private String contact;

    protected UserAccountEntity() {
    }

    public UserAccountEntity(String userId, OrganisationEntity organisation, String role, String passwordHash,
                             boolean passwordChangeRequired, LocalDateTime now) {
        this.userId = userId;
        this.organisation = organisation;
        this.role = role;
        this.passwordHash = passwordHash;
        this.passwordChangeRequired = passwordChangeRequired;
        this.passwordChangedAt = now;
        this.createdAt = now;
    }

    /**
     * Counts a failed login at {@code now} and locks the account until {@code now + lockFor} once {@code lockAfter}
     * failures fall within {@code window}. A lock that has expired, or a count whose window has passed, starts a
     * fresh count: otherwise one wrong try per lock period would keep an account locked for ever.
     */
    void recordFailure(int lockAfter, Duration window, Duration lockFor, LocalDateTime now) {
        boolean lockExpired = lockedUntil != null && !lockedUntil.isAfter(now);
        boolean windowPassed = failureWindowStartedAt == null || !failureWindowStartedAt.plus(window).isAfter(now);
        if (lockExpired || windowPassed) {
            failedAttempts = 0;
            lockedUntil = null;
            failureWindowStartedAt = now;
        }
        failedAttempts++;
        if (failedAttempts >= lockAfter) {
            lockedUntil = now.plus(lockFor);
        }
    }

    void recordSuccess() {
        failedAttempts = 0;
        lockedUntil = null;
        failureWindowStartedAt = null;
    }

    void changePassword(String newHash, LocalDateTime now) {
        passwordHash = newHash;
        passwordChangedAt = now;
        passwordChangeRequired = false;
    }

    /** Enabled again (e.g. by the command line when no system administrator can log in): dormancy counts anew. */
    boolean enable(LocalDateTime now) {
        if (disabledAt == null) {
            return false;
        }
        disabledAt = null;
        disabledReason = null;
        reenabledAt = now;
        return true;
    }

    void setRole(String role) {
        this.role = role;
    }

    /** Who the person is; null arguments leave the stored value as it is. */
    public void describePerson(String name, String kana, LocalDate birthDate, String contact) {
        if (name != null) {
            this.personName = name;
        }
        if (kana != null) {
            this.personKana = kana;
        }
        if (birthDate != null) {
            this.birthDate = birthDate;
        }
        if (contact != null) {
            this.contact = contact;
        }
    }

    public void changeRole(String role) {
        this.role = role;
    }

    /** Ends the account at {@code now}; an ended account stays ended. */
    public void end(LocalDateTime now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }

    public boolean ended() {
        return endedAt != null;
    }

    public OrganisationEntity getOrganisation() {
        return organisation;
    }

    public String getRole() {
        return role;
    }

    public String getPersonName() {
        return personName;
    }

    public String getPersonKana() {
        return personKana;
    }

    public LocalDate getBirthDate() {
        return birthDate;
    }

    public String getContact() {
        return contact;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public LocalDateTime getEndedAt() {
        return endedAt;
    }

    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    /** The row {@link #viewOf} maps, by user ID, read without Hibernate by the password check of every request. */
    static final String VIEW_BY_USER_ID = "SELECT u.user_id, o.code, o.name, u.role, u.password_hash,"
            + " u.failed_attempts, u.locked_until, u.password_changed_at, u.password_change_required, u.last_used_at,"
            + " u.disabled_at, u.ended_at FROM user_account u JOIN organisation o ON o.id = u.organisation_id"
            + " WHERE u.user_id = ?";

    /** The view of a row of {@link #VIEW_BY_USER_ID}: the same as {@link #toView()} of the entity. */
    static UserAccountView viewOf(ResultSet row) throws SQLException {
        return new UserAccountView(row.getString("user_id"), row.getString("code"), row.getString("name"),
                row.getString("role"), row.getString("password_hash"), row.getInt("failed_attempts"),
                JdbcReads.instant(row, "locked_until"), JdbcReads.instant(row, "password_changed_at"),
                row.getBoolean("password_change_required"), JdbcReads.instant(row, "last_used_at"),
                JdbcReads.instant(row, "disabled_at"), JdbcReads.instant(row, "ended_at"));
    }

    public UserAccountView toView() {
        return new UserAccountView(userId, organisation.getCode(), organisation.getName(), role, passwordHash,
                failedAttempts, StoredTime.toInstant(lockedUntil), StoredTime.toInstant(passwordChangedAt),
                passwordChangeRequired, StoredTime.toInstant(lastUsedAt), StoredTime.toInstant(disabledAt),
                StoredTime.toInstant(endedAt));
    }

    public Long getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof UserAccountEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
