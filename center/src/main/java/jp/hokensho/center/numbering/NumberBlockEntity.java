package jp.hokensho.center.numbering;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;

/** Row of {@code verification_number_block}: per node, the first counter value not yet reserved. */
@Entity
@Table(name = "verification_number_block")
public class NumberBlockEntity {
    @Id
    @Column(name = "node_id")
    private Integer nodeId;

    @Column(name = "next_counter", nullable = false)
    private long nextCounter;

    /** UTC: when the last block was reserved. */
    @Column(name = "reserved_at", nullable = false)
    private LocalDateTime reservedAt;

    protected NumberBlockEntity() {
    }

    NumberBlockEntity(int nodeId, long firstCounter, LocalDateTime now) {
        this.nodeId = nodeId;
        this.nextCounter = firstCounter;
        this.reservedAt = now;
    }

    /** Reserves {@code size} counters and returns the first. */
    long reserve(int size, LocalDateTime now) {
        long first = nextCounter;
        nextCounter += size;
        reservedAt = now;
        return first;
    }

    public Integer getNodeId() {
        return nodeId;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof NumberBlockEntity other && nodeId != null && nodeId.equals(other.getNodeId());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(nodeId);
    }
}
