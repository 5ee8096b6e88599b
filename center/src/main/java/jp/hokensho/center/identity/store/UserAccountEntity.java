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
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.center.organisation.OrganisationEntity;
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

    /** UTC. */
    @Column(name = "password_changed_at", nullable = false)
    private LocalDateTime passwordChangedAt;

    /** UTC. */
    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    protected UserAccountEntity() {
    }

    public UserAccountEntity(String userId, OrganisationEntity organisation, String role, String passwordHash,
                             LocalDateTime now) {
        this.userId = userId;
        this.organisation = organisation;
        this.role = role;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
        this.createdAt = now;
    }

    /** Counts a failed login and locks the account once {@code lockAfter} failures are reached. */
    void recordFailure(int lockAfter, LocalDateTime lockUntil) {
        failedAttempts++;
        if (failedAttempts >= lockAfter) {
            lockedUntil = lockUntil;
        }
    }

    void recordSuccess() {
        failedAttempts = 0;
        lockedUntil = null;
    }

    void changePassword(String newHash, LocalDateTime now) {
        passwordHash = newHash;
        passwordChangedAt = now;
    }

    void setRole(String role) {
        this.role = role;
    }

    public UserAccountView toView() {
        return new UserAccountView(userId, organisation.getCode(), organisation.getName(), role, passwordHash,
                failedAttempts, StoredTime.toInstant(lockedUntil), StoredTime.toInstant(passwordChangedAt));
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
