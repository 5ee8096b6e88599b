package jp.hokensho.center.audit;

/**
 * The audit chains and their names. Each center node appends to a chain of its own, named by its node id, so nodes
 * never wait on each other's chain lock. The records appended before chains were per node (migration V21) form the
 * legacy chain: no node appends to it any more, and its records keep the hash and checkpoint formats they were made
 * with, which do not cover a chain id.
 */
public final class AuditChains {
    /** The chain of the records made before per-node chains. */
    public static final int LEGACY = -1;

    private AuditChains() {
    }

    /** The chain a node appends to: its node id (000-999, as in its verification numbers). */
    static int ofNode(int nodeId) {
        if (nodeId < 0 || nodeId > 999) {
            throw new IllegalArgumentException("node id must be 000-999 to name an audit chain: " + nodeId);
        }
        return nodeId;
    }

    /** Whether records and checkpoints of this chain are of the formats that cover the chain id. */
    static boolean coversChainId(int chain) {
        return chain != LEGACY;
    }

    /** How reports and logs name a chain. */
    public static String describe(int chain) {
        return chain == LEGACY ? "the legacy chain" : "the chain of node " + chain;
    }
}
