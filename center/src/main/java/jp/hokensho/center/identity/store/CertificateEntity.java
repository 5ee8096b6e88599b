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
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.center.organisation.OrganisationEntity;
import jp.hokensho.center.persistence.JdbcReads;
import jp.hokensho.center.persistence.StoredTime;

/** Row of {@code org_certificate}: a certificate the center's CA issued to an organisation. */
@Entity
@Table(name = "org_certificate")
public class CertificateEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    /** Decimal string: X.509 serials are up to 20 bytes, beyond any SQL integer type. */
    @Column(name = "serial_number", nullable = false, length = 64, unique = true)
    private String serialNumber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id", nullable = false)
    private OrganisationEntity organisation;

    @Column(name = "subject_dn", nullable = false, length = 500)
    private String subjectDn;

    /** UTC, as are the other times. */
    @Column(name = "not_before", nullable = false)
    private LocalDateTime notBefore;

    /** The end of the key's acceptance: the certificate's notAfter, or the end of the overlap once renewed. */
    @Column(name = "not_after", nullable = false)
    private LocalDateTime notAfter;

    @Column(name = "issued_at", nullable = false)
    private LocalDateTime issuedAt;

    @Column(name = "revoked_at")
    private LocalDateTime revokedAt;

    /** The user who issued it; null for keys of {@code center init}, the demo and before V15. */
    @Column(name = "issued_by", length = 100)
    private String issuedBy;

    @Column(name = "revoked_by", length = 100)
    private String revokedBy;

    protected CertificateEntity() {
    }

    public CertificateEntity(BigInteger serial, OrganisationEntity organisation, String subjectDn,
                             LocalDateTime notBefore, LocalDateTime notAfter, LocalDateTime issuedAt) {
        this.serialNumber = serial.toString();
        this.organisation = organisation;
        this.subjectDn = subjectDn;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.issuedAt = issuedAt;
    }

    /** Revokes once: a later revocation keeps the first time and actor. Returns whether this call revoked it. */
    boolean revoke(LocalDateTime at, String actor) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = at;
        revokedBy = actor;
        return true;
    }

    void issuedBy(String actor) {
        this.issuedBy = actor;
    }

    /** Ends the key's acceptance at {@code end} if that is sooner than now set (a renewal's overlap). */
    void acceptUntil(LocalDateTime end) {
        if (end.isBefore(notAfter)) {
            notAfter = end;
        }
    }

    LocalDateTime getNotAfter() {
        return notAfter;
    }

    String getIssuedBy() {
        return issuedBy;
    }

    String getRevokedBy() {
        return revokedBy;
    }

    OrganisationEntity getOrganisation() {
        return organisation;
    }

    /** The row {@link #viewOf} maps, by serial number, read without Hibernate on every signed request. */
    static final String VIEW_BY_SERIAL = "SELECT o.code, c.subject_dn, c.not_before, c.not_after, c.issued_at,"
            + " c.revoked_at FROM org_certificate c JOIN organisation o ON o.id = c.organisation_id"
            + " WHERE c.serial_number = ?";

    /** The view of a row of {@link #VIEW_BY_SERIAL}: the same as {@link #toView()} of the entity. */
    static CertificateView viewOf(BigInteger serial, ResultSet row) throws SQLException {
        return new CertificateView(serial, row.getString("code"), row.getString("subject_dn"),
                JdbcReads.instant(row, "not_before"), JdbcReads.instant(row, "not_after"),
                JdbcReads.instant(row, "issued_at"), JdbcReads.instant(row, "revoked_at"));
    }

    public CertificateView toView() {
        return new CertificateView(new BigInteger(serialNumber), organisation.getCode(), subjectDn,
                StoredTime.toInstant(notBefore), StoredTime.toInstant(notAfter), StoredTime.toInstant(issuedAt),
                StoredTime.toInstant(revokedAt));
    }

    public Long getId() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof CertificateEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
