package jp.hokensho.center.audit;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;

/**
 * The stored checkpoints of one chain in position order, each checked as it is reached: signed by the center, following its
 * predecessor, and consistent in itself. The verifier then compares the chain with the current one's hashes.
 */
final class CheckpointCursor {
    private static final int PAGE = 50;

    /** A checkpoint that cannot be trusted, and why. */
    static final class InvalidCheckpoint extends Exception {
        final long position;

        InvalidCheckpoint(long position, String reason) {
            super(reason);
            this.position = position;
        }
    }

    private final AuditCheckpointStore store;
    private final int chain;
    private final CheckpointSignature signature;
    private final Deque<AuditCheckpoint> loaded = new ArrayDeque<>();
    private long lastLoaded;
    private long anchored;
    private AuditCheckpoint current;

    CheckpointCursor(DataSource dataSource, int chain, CheckpointSignature signature) {
        this.store = new AuditCheckpointStore(dataSource);
        this.chain = chain;
        this.signature = signature;
    }

    /** The checkpoint whose segment the next records fall in, or null after the last one. */
    AuditCheckpoint current() throws InvalidCheckpoint {
        if (current == null) {
            current = next();
        }
        return current;
    }

    /** The signed hash of {@code position} if the current checkpoint covers it. */
    String signedHashAt(long position) throws InvalidCheckpoint {
        AuditCheckpoint checkpoint = current();
        if (checkpoint == null || position <= checkpoint.fromPosition() || position > checkpoint.position()) {
            return null;
        }
        return checkpoint.recordHashes().get((int) (position - checkpoint.fromPosition() - 1));
    }

    /** The record at {@code position} matched: if it closes the current segment, the chain is anchored to it. */
    void matched(long position) {
        if (current != null && position == current.position()) {
            anchored = position;
            current = null;
        }
    }

    /** The last position a verified checkpoint anchors (0 for none). */
    long anchored() {
        return anchored;
    }

    private AuditCheckpoint next() throws InvalidCheckpoint {
        if (loaded.isEmpty()) {
            try {
                List<AuditCheckpoint> page = store.page(chain, lastLoaded, PAGE);
                loaded.addAll(page);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the audit checkpoints", e);
            }
        }
        AuditCheckpoint checkpoint = loaded.poll();
        if (checkpoint != null) {
            lastLoaded = checkpoint.position();
            check(checkpoint);
        }
        return checkpoint;
    }

    private void check(AuditCheckpoint c) throws InvalidCheckpoint {
        if (!signature.verifies(c)) {
            throw new InvalidCheckpoint(c.position(), "its signature does not verify under the center's certificate"
                    + " of serial " + c.signerSerial() + " (the center's keystore holds " + signature.knownSerials()
                    + ")");
        }
        if (c.fromPosition() != anchored) {
            throw new InvalidCheckpoint(c.position(), "it follows position " + c.fromPosition() + " but the previous"
                    + " checkpoint is at " + anchored + ": checkpoints were deleted");
        }
        List<String> hashes = c.recordHashes();
        if (c.position() <= c.fromPosition() || hashes.size() != c.position() - c.fromPosition()
                || !AuditCheckpoint.segmentDigestOf(hashes).equals(c.segmentDigest())
                || !hashes.get(hashes.size() - 1).equals(c.headHash())) {
            throw new InvalidCheckpoint(c.position(), "its stored record hashes are not the signed ones");
        }
    }
}
