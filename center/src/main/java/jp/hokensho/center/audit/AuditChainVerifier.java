package jp.hokensho.center.audit;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import jp.hokensho.center.audit.AuditChainReport.Finding;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the audit chain in position order and reports the first record that was altered, inserted or
 * deleted, or a head that does not match the last record. Reads in pages, so it runs beside live
 * appends: records appended while it runs are verified too. The signed checkpoints anchor it: a record whose
 * hash differs from the signed one was rewritten even if every later hash was recomputed, a chain that ends
 * before a checkpoint lost its tail, and records after the last checkpoint are reported as not yet anchored.
 */
public class AuditChainVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainVerifier.class);
    private static final int PAGE = 1000;

    private final Database database;
    private final CheckpointSignature checkpointSignature;

    /** @param checkpointSignature the center's certificate, which the checkpoints must verify under */
    public AuditChainVerifier(Database database, CheckpointSignature checkpointSignature) {
        this.database = database;
        this.checkpointSignature = checkpointSignature;
    }

    public AuditChainReport verify() {
        return logged(walk());
    }

    /**
     * Verifies the chain, then checks it against the checkpoint lines of a log kept apart from the database: they
     * still show a rewritten chain, or a deleted tail, when the database's own checkpoints were deleted too.
     */
    public AuditChainReport verify(Path checkpointLog) {
        AuditChainReport report = walk();
        return logged(report.ok() ? againstLog(report, AuditCheckpointLog.read(checkpointLog)) : report);
    }

    private static AuditChainReport logged(AuditChainReport report) {
        if (report.ok()) {
            LOG.info("Audit chain verified: {}", report);
        } else {
            LOG.error("Audit chain verification failed: {}", report);
        }
        return report;
    }

    private AuditChainReport walk() {
        CheckpointCursor checkpoints = new CheckpointCursor(database.dataSource(), checkpointSignature);
        try {
            return walk(checkpoints);
        } catch (CheckpointCursor.InvalidCheckpoint e) {
            // Every record up to the last good checkpoint was verified before this one was reached.
            return AuditChainReport.problem(Finding.CHECKPOINT_INVALID, checkpoints.anchored(), e.position, null,
                    "the checkpoint at position " + e.position + " cannot be trusted: " + e.getMessage())
                    .anchoredAt(checkpoints.anchored());
        }
    }

    private AuditChainReport walk(CheckpointCursor checkpoints) throws CheckpointCursor.InvalidCheckpoint {
        AuditChainHeadEntity head = head();
        long lastSeen = 0;
        long afterPosition = Long.MIN_VALUE;
        String previousHash = AuditChainHeadEntity.GENESIS_HASH;
        String previousNumber = null;
        long checked = 0;
        while (true) {
            List<VerificationRecordEntity> page = page(afterPosition);
            if (page.isEmpty()) {
                head = head();
                AuditCheckpoint pending = checkpoints.current();
                if (head.getLastPosition() > lastSeen || pending != null && pending.position() > lastSeen) {
                    page = page(afterPosition); // appended between the last page and the head read?
                }
                if (page.isEmpty()) {
                    return atEnd(head, pending, lastSeen, previousHash, previousNumber, checked)
                            .anchoredAt(checkpoints.anchored());
                }
            }
            for (VerificationRecordEntity r : page) {
                afterPosition = r.position;
                if (r.position < 1) {
                    return AuditChainReport.problem(Finding.INSERTED, checked, r.position, r.verificationNumber,
                            "a record at a position the chain never uses");
                }
                if (r.position > head.getLastPosition()) {
                    head = head(); // it may have been appended since the walk began
                    if (r.position > head.getLastPosition()) {
                        return AuditChainReport.problem(Finding.INSERTED, checked, r.position, r.verificationNumber,
                                "a record beyond the chain head (head at " + head.getLastPosition() + ")");
                    }
                }
                if (r.position != lastSeen + 1) {
                    return AuditChainReport.problem(Finding.DELETED, checked, lastSeen + 1, r.verificationNumber,
                            "positions " + (lastSeen + 1) + ".." + (r.position - 1) + " are missing before "
                                    + r.position);
                }
                if (!AuditRecordHash.of(r).equals(r.recordHash)) {
                    return AuditChainReport.problem(Finding.ALTERED, checked, r.position, r.verificationNumber,
                            "the record's content does not match its hash").anchoredAt(checkpoints.anchored());
                }
                String signed = checkpoints.signedHashAt(r.position);
                if (signed != null && !signed.equals(r.recordHash)) {
                    return AuditChainReport.problem(Finding.ALTERED, checked, r.position, r.verificationNumber,
                            "the record's hash is not the one the checkpoint at position "
                                    + checkpoints.current().position() + " signed: the record was rewritten and"
                                    + " the chain re-hashed").anchoredAt(checkpoints.anchored());
                }
                if (!previousHash.equals(r.prevHash)) {
                    return brokenLink(r, previousNumber, checked).anchoredAt(checkpoints.anchored());
                }
                checkpoints.matched(r.position);
                previousHash = r.recordHash;
                previousNumber = r.verificationNumber;
                lastSeen = r.position;
                checked++;
            }
        }
    }

    // The chain is intact from 1 to checkedRecords: each logged checkpoint must be the center's and match it.
    private AuditChainReport againstLog(AuditChainReport chain, List<AuditCheckpoint> logged) {
        long end = chain.checkedRecords();
        long lastMatched = 0;
        AuditCheckpointStore store = new AuditCheckpointStore(database.dataSource());
        for (AuditCheckpoint c : logged.stream().sorted(Comparator.comparingLong(AuditCheckpoint::position)).toList()) {
            if (!checkpointSignature.verifies(c)) {
                return AuditChainReport.problem(Finding.CHECKPOINT_INVALID, end, c.position(), null,
                        "the checkpoint log's line for position " + c.position() + " is not signed by the center")
                        .anchoredAt(chain.anchoredPosition());
            }
            if (c.position() > end) {
                return AuditChainReport.problem(Finding.DELETED, end, end + 1, null, "the chain ends at " + end
                        + " but the checkpoint log anchors position " + c.position() + ": its tail was deleted")
                        .anchoredAt(chain.anchoredPosition());
            }
            List<String> hash = recordHash(store, c.position());
            if (!hash.equals(List.of(c.headHash()))) {
                return AuditChainReport.problem(Finding.ALTERED, end, lastMatched + 1, null, "a record in positions "
                        + (lastMatched + 1) + ".." + c.position() + " was rewritten and the chain re-hashed: the"
                        + " checkpoint log signed another hash at " + c.position() + " (the database's own"
                        + " checkpoints, which would name the record, are gone)").anchoredAt(chain.anchoredPosition());
            }
            lastMatched = c.position();
        }
        return chain.anchoredAt(Math.max(chain.anchoredPosition(), lastMatched));
    }

    private static List<String> recordHash(AuditCheckpointStore store, long position) {
        try {
            return store.recordHashes(position - 1, position);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the audit record at " + position, e);
        }
    }

    // The record is self-consistent but does not link to its predecessor: the predecessor was rewritten
    // with a recomputed hash (or, for the first record, the record was forged as a new start).
    private static AuditChainReport brokenLink(VerificationRecordEntity r, String previousNumber, long checked) {
        if (r.position == 1) {
            return AuditChainReport.problem(Finding.ALTERED, checked, r.position, r.verificationNumber,
                    "the first record does not start from the genesis hash");
        }
        return AuditChainReport.problem(Finding.ALTERED, checked - 1, r.position - 1, previousNumber,
                "record " + r.position + " links to a different hash: this record was rewritten with a"
                        + " recomputed hash");
    }

    private static AuditChainReport atEnd(AuditChainHeadEntity head, AuditCheckpoint pending, long lastSeen,
                                          String lastHash, String lastNumber, long checked) {
        if (pending != null && pending.position() > lastSeen) {
            return AuditChainReport.problem(Finding.DELETED, checked, lastSeen + 1, null,
                    "the chain ends at " + lastSeen + " but a signed checkpoint anchors position "
                            + pending.position() + ": its tail was deleted");
        }
        if (head.getLastPosition() > lastSeen) {
            return AuditChainReport.problem(Finding.DELETED, checked, lastSeen + 1, null,
                    "the head names position " + head.getLastPosition() + " but the chain ends at " + lastSeen);
        }
        if (!head.getLastHash().equals(lastHash)) {
            return AuditChainReport.problem(Finding.HEAD_MISMATCH, checked, lastSeen, lastNumber,
                    "the head's hash is not the last record's hash");
        }
        return AuditChainReport.ok(checked);
    }

    private AuditChainHeadEntity head() {
        AuditChainHeadEntity head = database.sessionFactory().fromStatelessTransaction(
                session -> session.get(AuditChainHeadEntity.class, AuditChainHeadEntity.ID));
        if (head == null) {
            throw new IllegalStateException("audit_chain_head row is missing");
        }
        return head;
    }

    private List<VerificationRecordEntity> page(long afterPosition) {
        return database.sessionFactory().fromStatelessTransaction(session -> session
                .createSelectionQuery("from VerificationRecordEntity r where r.position > :after order by r.position",
                        VerificationRecordEntity.class)
                .setParameter("after", afterPosition)
                .setMaxResults(PAGE)
                .getResultList());
    }
}
