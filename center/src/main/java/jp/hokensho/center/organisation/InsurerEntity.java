package jp.hokensho.center.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;

/** Row of {@code insurer}: one entry of the insurer directory and how to reach it. */
@Entity
@Table(name = "insurer")
public class InsurerEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "insurer_number", nullable = false, length = 16, unique = true)
    private String insurerNumber;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Column(name = "address", length = 400)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", nullable = false, length = 20)
    private DeliveryMode deliveryMode;

    @Column(name = "endpoint_address", length = 500)
    private String endpointAddress;

    @Column(name = "certificate_alias", length = 100)
    private String certificateAlias;

    @Column(name = "timeout_ms")
    private Long timeoutMillis;

    /** UTC. */
    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    /** UTC; null while the insurer is in the directory ({@code center org end}). */
    @Column(name = "ended_at")
    private LocalDateTime endedAt;

    protected InsurerEntity() {
    }

    public InsurerEntity(String insurerNumber) {
        this.insurerNumber = insurerNumber;
    }

    /** Overwrites every field but the number with the entry's. */
    public void apply(InsurerEntry entry, LocalDateTime now) {
        this.name = entry.name();
        this.address = entry.address();
        this.deliveryMode = entry.mode();
        this.endpointAddress = entry.endpointAddress();
        this.certificateAlias = entry.certificateAlias();
        this.timeoutMillis = entry.timeout() == null ? null : entry.timeout().toMillis();
        this.updatedAt = now;
    }

    public InsurerEntry toEntry() {
        return new InsurerEntry(insurerNumber, name, address, deliveryMode, endpointAddress, certificateAlias,
                timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
    }

    public void end(LocalDateTime at) {
        this.endedAt = at;
    }

    public Long getId() {
        return id;
    }

    public String getInsurerNumber() {
        return insurerNumber;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof InsurerEntity other && id != null && id.equals(other.getId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
