package jp.hokensho.center.audit;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import jp.hokensho.center.audit.AuditChainReport.ChainReport;
import jp.hokensho.center.audit.AuditChainReport.Finding;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks each audit chain (see {@link AuditChains}) in position order and reports, per chain, the first record that
 * was altered, inserted or deleted, or a head that does not match the last record. Reads in pages, so it runs
 * beside live appends: records appended while it runs are verified too. The signed checkpoints of each chain anchor
 * it: a record whose hash differs from the signed one was rewritten even if every later hash was recomputed, a
 * chain that ends before a checkpoint lost its tail, and records after the last checkpoint are reported as not yet
 * anchored. Every chain the database shows a trace of (head row, record or checkpoint) is verified, and every
 * chain the checkpoint log names.
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
        return logged(new AuditChainReport(chains(Set.of()).stream().map(this::walk).toList()));
    }

    /**
     * Verifies the chains, then checks each against the checkpoint lines of a log kept apart from the database: they
     * still show a rewritten chain, or a deleted tail, when the database's own checkpoints were deleted too.
     */
    public AuditChainReport verify(Path checkpointLog) {
        Map<Integer, List<AuditCheckpoint>> logged = AuditCheckpointLog.read(checkpointLog).stream()
                .collect(Collectors.groupingBy(AuditCheckpoint::chain));
        return logged(new AuditChainReport(chains(logged.keySet()).stream().map(chain -> {
            ChainReport report = walk(chain);
            return report.ok() ? againstLog(report, logged.getOrDefault(chain, List.of())) : report;
        }).toList()));
    }

    private SortedSet<Integer> chains(Set<Integer> alsoLogged) {
        try {
            SortedSet<Integer> chains = new AuditCheckpointStore(database.dataSource()).allChains();
            chains.addAll(alsoLogged);
            return chains;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read which audit chains there are", e);
        }
    }

    private static AuditChainReport logged(AuditChainReport report) {
        if (report.ok()) {
            LOG.info("Audit chains verified: {}", report);
        } else {
            LOG.error("Audit chain verification failed: {}", report);
        }
        return report;
    }

    private ChainReport walk(int chain) {
        CheckpointCursor checkpoints = new CheckpointCursor(database.dataSource(), chain, checkpointSignature);
        try {
            return walk(chain, checkpoints);
        } catch (CheckpointCursor.InvalidCheckpoint e) {
            // Every record up to the last good checkpoint was verified before this one was reached.
            return ChainReport.problem(chain, Finding.CHECKPOINT_INVALID, checkpoints.anchored(), e.position, null,
                    "the checkpoint at position " + e.position + " cannot be trusted: " + e.getMessage())
                    .anchoredAt(checkpoints.anchored());
        }
    }

    private ChainReport walk(int chain, CheckpointCursor checkpoints) throws CheckpointCursor.InvalidCheckpoint {
        AuditChainHeadEntity head = head(chain);
        long lastSeen = 0;
        long afterPosition = Long.MIN_VALUE;
        String previousHash = AuditChainHeadEntity.GENESIS_HASH;
        String previousNumber = null;
        long checked = 0;
        if (head == null) {
            boolean hasRecords = !page(chain, afterPosition).isEmpty();
            head = head(chain); // a node makes its head before its first record: it may have done so just now
            if (head == null && hasRecords) {
                return ChainReport.problem(chain, Finding.HEAD_MISMATCH, 0, null, null,
                        "the chain has records but its head row in audit_chain_head is missing");
            }
            head = head != null ? head : new AuditChainHeadEntity(chain); // its checkpoints, if any, tell the rest
        }
        while (true) {
            List<VerificationRecordEntity> page = page(chain, afterPosition);
            if (page.isEmpty()) {
                head = headOrEmpty(chain);
                AuditCheckpoint pending = checkpoints.current();
                if (head.getLastPosition() > lastSeen || pending != null && pending.position() > lastSeen) {
                    page = page(chain, afterPosition); // appended between the last page and the head read?
                }
                if (page.isEmpty()) {
                    return atEnd(chain, head, pending, lastSeen, previousHash, previousNumber, checked)
                            .anchoredAt(checkpoints.anchored());
                }
            }
            for (VerificationRecordEntity r : page) {
                afterPosition = r.position;
                if (r.position < 1) {
                    return ChainReport.problem(chain, Finding.INSERTED, checked, r.position, r.verificationNumber,
                            "a record at a position the chain never uses");
                }
                if (r.position > head.getLastPosition()) {
                    head = headOrEmpty(chain); // it may have been appended since the walk began
                    if (r.position > head.getLastPosition()) {
                        return ChainReport.problem(chain, Finding.INSERTED, checked, r.position,
                                r.verificationNumber, "a record beyond the chain head (head at "
                                        + head.getLastPosition() + ")");
                    }
                }
                if (r.position != lastSeen + 1) {
                    return ChainReport.problem(chain, Finding.DELETED, checked, lastSeen + 1, r.verificationNumber,
                            "positions " + (lastSeen + 1) + ".." + (r.position - 1) + " are missing before "
                                    + r.position);
                }
                if (!AuditRecordHash.of(r).equals(r.recordHash)) {
                    return ChainReport.problem(chain, Finding.ALTERED, checked, r.position, r.verificationNumber,
                            "the record's content does not match its hash").anchoredAt(checkpoints.anchored());
                }
                String signed = checkpoints.signedHashAt(r.position);
                if (signed != null && !signed.equals(r.recordHash)) {
                    return ChainReport.problem(chain, Finding.ALTERED, checked, r.position, r.verificationNumber,
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
    private ChainReport againstLog(ChainReport verified, List<AuditCheckpoint> logged) {
        int chain = verified.chain();
        long end = verified.checkedRecords();
        long lastMatched = 0;
        AuditCheckpointStore store = new AuditCheckpointStore(database.dataSource());
        for (AuditCheckpoint c : logged.stream().sorted(Comparator.comparingLong(AuditCheckpoint::position)).toList()) {
            if (!checkpointSignature.verifies(c)) {
                return ChainReport.problem(chain, Finding.CHECKPOINT_INVALID, end, c.position(), null,
                        "the checkpoint log's line for position " + c.position() + " is not signed by the center")
                        .anchoredAt(verified.anchoredPosition());
            }
            if (c.position() > end) {
                return ChainReport.problem(chain, Finding.DELETED, end, end + 1, null, "the chain ends at " + end
                        + " but the checkpoint log anchors position " + c.position() + ": its tail was deleted")
                        .anchoredAt(verified.anchoredPosition());
            }
            List<String> hash = recordHash(store, chain, c.position());
            if (!hash.equals(List.of(c.headHash()))) {
                return ChainReport.problem(chain, Finding.ALTERED, end, lastMatched + 1, null, "a record in positions "
                        + (lastMatched + 1) + ".." + c.position() + " was rewritten and the chain re-hashed: the"
                        + " checkpoint log signed another hash at " + c.position() + " (the database's own"
                        + " checkpoints, which would name the record, are gone)")
                        .anchoredAt(verified.anchoredPosition());
            }
            lastMatched = c.position();
        }
        return verified.anchoredAt(Math.max(verified.anchoredPosition(), lastMatched));
    }

    private static List<String> recordHash(AuditCheckpointStore store, int chain, long position) {
        try {
            return store.recordHashes(chain, position - 1, position);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the audit record at " + position + " of "
                    + AuditChains.describe(chain), e);
        }
    }

    // The record is self-consistent but does not link to its predecessor: the predecessor was rewritten
    // with a recomputed hash (or, for the first record, the record was forged as a new start).
    private static ChainReport brokenLink(VerificationRecordEntity r, String previousNumber, long checked) {
        if (r.position == 1) {
            return ChainReport.problem(r.chain, Finding.ALTERED, checked, r.position, r.verificationNumber,
                    "the first record does not start from the genesis hash");
        }
        return ChainReport.problem(r.chain, Finding.ALTERED, checked - 1, r.position - 1, previousNumber,
                "record " + r.position + " links to a different hash: this record was rewritten with a"
                        + " recomputed hash");
    }

    private static ChainReport atEnd(int chain, AuditChainHeadEntity head, AuditCheckpoint pending, long lastSeen,
                                     String lastHash, String lastNumber, long checked) {
        if (pending != null && pending.position() > lastSeen) {
            return ChainReport.problem(chain, Finding.DELETED, checked, lastSeen + 1, null,
                    "the chain ends at " + lastSeen + " but a signed checkpoint anchors position "
                            + pending.position() + ": its tail was deleted");
        }
        if (head.getLastPosition() > lastSeen) {
            return ChainReport.problem(chain, Finding.DELETED, checked, lastSeen + 1, null,
                    "the head names position " + head.getLastPosition() + " but the chain ends at " + lastSeen);
        }
        if (!head.getLastHash().equals(lastHash)) {
            return ChainReport.problem(chain, Finding.HEAD_MISMATCH, checked, lastSeen, lastNumber,
                    "the head's hash is not the last record's hash");
        }
        return ChainReport.ok(chain, checked);
    }

    private AuditChainHeadEntity head(int chain) {
        return database.sessionFactory().fromStatelessTransaction(
                session -> session.get(AuditChainHeadEntity.class, chain));
    }

    // A head row that vanished during the walk reads as an empty chain, whose records are then beyond it.
    private AuditChainHeadEntity headOrEmpty(int chain) {
        AuditChainHeadEntity head = head(chain);
        return head != null ? head : new AuditChainHeadEntity(chain);
    }

    private List<VerificationRecordEntity> page(int chain, long afterPosition) {
        return database.sessionFactory().fromStatelessTransaction(session -> session
                .createSelectionQuery("from VerificationRecordEntity r where r.chain = :chain and r.position > :after"
                                + " order by r.position", VerificationRecordEntity.class)
                .setParameter("chain", chain)
                .setParameter("after", afterPosition)
                .setMaxResults(PAGE)
                .getResultList());
    }
}
