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

/**
 * Row of {@code key_renewal}: a key renewed by another, who did it and when, and the old key's end of acceptance
 * before the renewal shortened it to the overlap.
 */
@Entity
@Table(name = "key_renewal")
public class KeyRenewalEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "old_certificate_id", nullable = false)
    private CertificateEntity oldKey;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "new_certificate_id", nullable = false)
    private CertificateEntity newKey;

    @Column(name = "renewed_at", nullable = false)
    private LocalDateTime renewedAt;

    @Column(name = "renewed_by", nullable = false, length = 100)
    private String renewedBy;

    @Column(name = "old_not_after", nullable = false)
    private LocalDateTime oldNotAfter;

    protected KeyRenewalEntity() {
    }

    KeyRenewalEntity(CertificateEntity oldKey, CertificateEntity newKey, LocalDateTime renewedAt, String renewedBy,
                     LocalDateTime oldNotAfter) {
        this.oldKey = oldKey;
        this.newKey = newKey;
        this.renewedAt = renewedAt;
        this.renewedBy = renewedBy;
        this.oldNotAfter = oldNotAfter;
    }

    CertificateEntity oldKey() {
        return oldKey;
    }

    CertificateEntity newKey() {
        return newKey;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof KeyRenewalEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
