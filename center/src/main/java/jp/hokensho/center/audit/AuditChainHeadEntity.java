package jp.hokensho.center.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A row of {@code audit_chain_head}: the last position and hash of one chain (see {@link AuditChains}). Every append
 * to the chain locks it, which serialises the appends of the node's threads and keeps positions gapless; other
 * nodes append to chains of their own and never wait on it.
 */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHeadEntity {
    /** The previous hash of the first record. */
    static final String GENESIS_HASH = "0".repeat(64);

    @Id
    @Column(name = "chain_id")
    private Integer chain;

    @Column(name = "last_position", nullable = false)
    private long lastPosition;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditChainHeadEntity() {
    }

    /** A chain without records yet. */
    AuditChainHeadEntity(int chain) {
        this.chain = chain;
        this.lastPosition = 0;
        this.lastHash = GENESIS_HASH;
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
        return this == o || o instanceof AuditChainHeadEntity other && chain != null && chain.equals(other.chain);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(chain);
    }
}
