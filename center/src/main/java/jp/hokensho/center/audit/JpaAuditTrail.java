package jp.hokensho.center.audit;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.Retries;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import org.hibernate.Session;

/**
 * The audit trail in {@code verification_record}: each append locks the chain head, takes the next
 * position, hashes the record with the previous hash and moves the head, all in one transaction.
 */
public class JpaAuditTrail implements AuditTrail {
    // H2 gives up on a lock after LOCK_TIMEOUT, Galera aborts on certification conflicts: retry those.
    private static final int ATTEMPTS = 5;

    private final Database database;
    private final Clock clock;
    private volatile LongConsumer afterAppend = position -> { };

    public JpaAuditTrail(Database database) {
        this(database, Clock.systemUTC());
    }

    public JpaAuditTrail(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Told each appended position once its transaction committed (the checkpointer counts them). */
    public void afterEachAppend(LongConsumer listener) {
        this.afterAppend = listener;
    }

    @Override
    public void append(VerificationEvent event) {
        afterAppend.accept(Retries.onLockConflict(ATTEMPTS, "audit append " + event.answer().getVerificationNumber(),
                () -> database.fromTransaction(session -> appendIn(session, event))));
    }

    /**
     * Appends and runs {@code sameTransaction} in the append's transaction (first, before the chain head is
     * locked): both commit or neither does. Bulk verification stores an item's answer this way, so an item is
     * never recorded without being marked done, nor marked done without its record.
     */
    public void append(VerificationEvent event, Consumer<Session> sameTransaction) {
        afterAppend.accept(Retries.onLockConflict(ATTEMPTS, "audit append " + event.answer().getVerificationNumber(),
                () -> database.fromTransaction(session -> {
                    sameTransaction.accept(session);
                    return appendIn(session, event);
                })));
    }

    /**
     * Appends all {@code events} in one transaction, the chain head locked once for the whole group, after running
     * {@code sameTransaction} (first, before the lock): all commit together or none does. The batch worker records
     * a group of items this way; the lock is the chain's one point of contention, so taking it once per group
     * instead of once per record is what lets a batch go faster than single verifications.
     */
    public void appendAll(List<VerificationEvent> events, Consumer<Session> sameTransaction) {
        if (events.isEmpty()) {
            return;
        }
        long last = Retries.onLockConflict(ATTEMPTS, "audit append of " + events.size() + " records",
                () -> database.fromTransaction(session -> {
                    sameTransaction.accept(session);
                    AuditChainHeadEntity head = lockedHead(session);
                    long position = 0;
                    for (VerificationEvent event : events) {
                        position = appendAfter(session, head, event);
                    }
                    return position;
                }));
        for (long position = last - events.size() + 1; position <= last; position++) {
            afterAppend.accept(position);
        }
    }

    private long appendIn(Session session, VerificationEvent event) {
        return appendAfter(session, lockedHead(session), event);
    }

    private static AuditChainHeadEntity lockedHead(Session session) {
        AuditChainHeadEntity head = session.find(AuditChainHeadEntity.class, AuditChainHeadEntity.ID,
                LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit_chain_head row is missing: the chain cannot be extended");
        }
        return head;
    }

    private long appendAfter(Session session, AuditChainHeadEntity head, VerificationEvent event) {
        VerificationRecordEntity record = new VerificationRecordEntity(head.getLastPosition() + 1, head.getLastHash());
        fill(record, event);
        record.recordHash = AuditRecordHash.of(record);
        session.persist(record);
        head.advance(record.position, record.recordHash);
        return record.position;
    }

    // Every time goes through StoredTime: the hash must cover the value as DATETIME(6) keeps it.
    private void fill(VerificationRecordEntity r, VerificationEvent event) {
        EligibilityAnswer answer = event.answer();
        r.verificationNumber = answer.getVerificationNumber();
        r.requestedAt = answer.getAnsweredAt() != null ? StoredTime.of(answer.getAnsweredAt())
                : StoredTime.now(clock);
        r.requesterUserId = event.caller().userId();
        r.requesterOrganisationCode = event.caller().organisationCode();
        EligibilityQuery query = answer.getQuery();
        if (query != null) {
            r.insurerNumber = query.getInsurerNumber();
            r.symbol = query.getSymbol();
            r.number = query.getNumber();
            r.branchNumber = query.getBranchNumber();
            r.targetDate = query.getTargetDate();
            r.birthDate = query.getBirthDate();
        }
        r.resultCode = answer.getResultCode();
        r.source = answer.getSource();
        r.validFrom = answer.getValidFrom();
        r.validTo = answer.getValidTo();
        r.insurerUpdatedAt = StoredTime.of(answer.getInsurerUpdatedAt());
        r.centerReceivedAt = StoredTime.of(answer.getCenterReceivedAt());
        r.answerDigest = event.answerDigest();
        r.answerDigestVersion = event.answerDigestVersion();
    }

    @Override
    public Optional<RecordedVerification> find(String verificationNumber) {
        return database.fromTransaction(session -> session
                .createSelectionQuery("from VerificationRecordEntity r where r.verificationNumber = :n",
                        VerificationRecordEntity.class)
                .setParameter("n", verificationNumber)
                .uniqueResultOptional()
                .map(r -> new RecordedVerification(r.toRecord(), r.requesterOrganisationCode, r.insurerNumber)));
    }

    @Override
    public VerificationListing list(VerificationSearch search) {
        return database.fromTransaction(session -> new VerificationRecordSearch(session).run(search));
    }
}
