package jp.hokensho.center.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * The single row of {@code audit_chain_head}: the last position and hash of the chain. Every append
 * locks it, which serialises appends across threads and nodes and keeps positions gapless.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHeadEntity {
    /** The id of the only row (inserted by the migration). */
    static final int ID = 1;

    /** The previous hash of the first record. */
    static final String GENESIS_HASH = "0".repeat(64);

    @Id
    @Column(name = "id")
    private Integer id;

    @Column(name = "last_position", nullable = false)
    private long lastPosition;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditChainHeadEntity() {
    }

    void advance(long position, String hash) {
        this.lastPosition = position;
        this.lastHash = hash;
    }

    long getLastPosition() {
        return lastPosition;
    }

    String getLastHash() {
        return lastHash;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof AuditChainHeadEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
