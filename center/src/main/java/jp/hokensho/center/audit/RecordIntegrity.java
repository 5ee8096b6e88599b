package jp.hokensho.center.audit;

import java.util.Optional;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.contract.types.VerificationRecord;

/**
 * One verification record's audit check, for tracing a 認証番号: its hash recomputed from what is stored, its
 * link to the record before it in its chain, and the first signed checkpoint of that chain that covers it.
 * audit-verify checks the whole chains and the checkpoints' signatures; this answers for one record at once.
 */
public final class RecordIntegrity {
    private final Database database;

    public RecordIntegrity(Database database) {
        this.database = database;
    }

    /** What the check of one record found; {@code chain} as in {@link AuditChains}. */
    public record Check(VerificationRecord record, int chain, long position, boolean hashMatches,
                        boolean chainLinkMatches, Long checkpointPosition) {
    }

    public Optional<Check> check(String verificationNumber) {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from VerificationRecordEntity r where r.verificationNumber = :n",
                        VerificationRecordEntity.class)
                .setParameter("n", verificationNumber)
                .uniqueResultOptional()
                .map(record -> {
                    String previousHash = record.position == 1 ? AuditChainHeadEntity.GENESIS_HASH
                            : session.createSelectionQuery("select r.recordHash from VerificationRecordEntity r"
                                    + " where r.chain = :c and r.position = :p", String.class)
                                    .setParameter("c", record.chain)
                                    .setParameter("p", record.position - 1).uniqueResult();
                    Long checkpoint = session.createNativeQuery("SELECT MIN(position) FROM audit_checkpoint"
                                    + " WHERE chain_id = :c AND position >= :p", Long.class)
                            .setParameter("c", record.chain)
                            .setParameter("p", record.position).uniqueResult();
                    return new Check(record.toRecord(), record.chain, record.position,
                            AuditRecordHash.of(record).equals(record.recordHash),
                            record.prevHash.equals(previousHash), checkpoint);
                }));
    }
}
