package jp.hokensho.center.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;

/** Row of {@code organisation}: an insurer, a medical institution or the center itself. */
@Entity
@Table(name = "organisation")
public class OrganisationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "code", nullable = false, length = 40, unique = true)
    private String code;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 30)
    private OrganisationKind kind;

    @Column(name = "address", length = 400)
    private String address;

    /** UTC. */
    @Column(name = "created_at", nullable = false)
    private LocalDateTime createdAt;

    /** UTC; null while the organisation is active. */
    @Column(name = "ended_at")
    private LocalDateTime endedAt;

    protected OrganisationEntity() {
    }

    public OrganisationEntity(String code, String name, OrganisationKind kind, LocalDateTime createdAt) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public OrganisationKind getKind() {
        return kind;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public LocalDateTime getEndedAt() {
        return endedAt;
    }

    public void end(LocalDateTime at) {
        this.endedAt = at;
    }

    public OrganisationDetails toDetails() {
        return new OrganisationDetails(code, name, kind, address, endedAt);
    }

    public Organisation toView() {
        return new Organisation(code, name, kind);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof OrganisationEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
