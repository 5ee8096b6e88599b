package jp.hokensho.center.audit;

import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.GroupCommit;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail in {@code verification_record}: each append locks the head of this node's chain, takes the next
 * position, hashes the record with the previous hash and moves the head, all in one transaction. Each node appends
 * to a chain of its own (see {@link AuditChains}), so the lock serialises this node's appends only.
 */
public class JpaAuditTrail implements AuditTrail, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JpaAuditTrail.class);
    // H2 gives up on a lock after LOCK_TIMEOUT, Galera aborts on certification conflicts: retry those.
    private static final int ATTEMPTS = 5;

    /** One append and what must commit with it. */
    private record PendingAppend(VerificationEvent event, Consumer<Session> sameTransaction) {
    }

    /** Told of each append once its transaction committed. */
    @FunctionalInterface
    public interface AppendListener {
        void appended(int chain, long position);
    }

    private final Database database;
    private final int chain;
    private final Clock clock;
    private volatile AppendListener afterAppend = (chain, position) -> { };
    private volatile boolean chainOpened;
    private volatile GroupCommit<PendingAppend, Long> groupCommit;

    /** @param nodeId this node's id ({@code center.node-id}): its records go to the chain of that id */
    public JpaAuditTrail(Database database, int nodeId) {
        this(database, nodeId, Clock.systemUTC());
    }

    public JpaAuditTrail(Database database, int nodeId, Clock clock) {
        this.database = database;
        this.chain = AuditChains.ofNode(nodeId);
        this.clock = clock;
    }

    /** Told each appended position once its transaction committed (the checkpointer counts them). */
    public void afterEachAppend(AppendListener listener) {
        this.afterAppend = listener;
    }

    /**
     * Commits single appends in groups ({@code center.audit.group-commit.max-records}): concurrent verifications
     * then share one transaction, one chain-head lock and one durable commit; each caller still returns only once
     * its own record committed. Call before the first append; {@link #close()} stops the writer.
     */
    public JpaAuditTrail groupCommits(int maxRecords) {
        if (maxRecords > 1) {
            groupCommit = new GroupCommit<>(this::commit, maxRecords, "audit-writer-" + chain);
        }
        return this;
    }

    @Override
    public void append(VerificationEvent event) {
        append(event, session -> { });
    }

    /**
     * Appends and runs {@code sameTransaction} in the append's transaction (first, before the chain head is
     * locked): both commit or neither does. Bulk verification stores an item's answer this way, so an item is
     * never recorded without being marked done, nor marked done without its record. Returns once committed.
     */
    public void append(VerificationEvent event, Consumer<Session> sameTransaction) {
        openChain();
        GroupCommit<PendingAppend, Long> group = groupCommit;
        if (group != null) {
            group.commit(new PendingAppend(event, sameTransaction));
        } else {
            commit(List.of(new PendingAppend(event, sameTransaction)));
        }
    }

    /**
     * Makes this node's chain head before its first append to this database. Never for a chain that has records: a
     * head row gone missing is not made again (appends then fail, and audit-verify names the chain), since a chain
     * restarted at position 0 would hide what came before.
     */
    private void openChain() {
        if (chainOpened) {
            return;
        }
        synchronized (this) {
            if (!chainOpened) {
                boolean made = database.fromTransaction(session -> {
                    if (session.find(AuditChainHeadEntity.class, chain) != null || session.createSelectionQuery(
                            "select count(r) from VerificationRecordEntity r where r.chain = :c", Long.class)
                            .setParameter("c", chain).getSingleResult() > 0) {
                        return false;
                    }
                    session.persist(new AuditChainHeadEntity(chain));
                    return true;
                });
                if (made) {
                    LOG.info("started {} in the audit trail", AuditChains.describe(chain));
                }
                chainOpened = true;
            }
        }
    }

    /**
     * Appends all {@code events} to this node's chain in one transaction, the chain head locked once for the whole
     * group, after running {@code sameTransaction} (first, before the lock): all commit together or none does. The
     * batch worker records a group of items this way; the lock is the chain's one point of contention, so taking it
     * once per group instead of once per record is what lets a batch go faster than single verifications.
     */
    public void appendAll(List<VerificationEvent> events, Consumer<Session> sameTransaction) {
        if (events.isEmpty()) {
            return;
        }
        openChain();
        List<PendingAppend> appends = new ArrayList<>(events.size());
        appends.add(new PendingAppend(events.get(0), sameTransaction));
        for (VerificationEvent event : events.subList(1, events.size())) {
            appends.add(new PendingAppend(event, session -> { }));
        }
        commit(appends);
    }

    /**
     * One transaction: every append's same-transaction step, then the chain head locked once and the records
     * appended in order. Listeners hear of the positions after the commit. Returns each append's position.
     */
    private List<Long> commit(List<PendingAppend> appends) {
        String what = appends.size() == 1
                ? "audit append " + appends.get(0).event().answer().getVerificationNumber()
                : "audit append of " + appends.size() + " records";
        List<Long> positions = Retries.onLockConflict(ATTEMPTS, what, () -> database.fromTransaction(session -> {
            appends.forEach(append -> append.sameTransaction().accept(session));
            AuditChainHeadEntity head = lockedHead(session);
            List<Long> appended = new ArrayList<>(appends.size());
            for (PendingAppend append : appends) {
                appended.add(appendAfter(session, head, append.event()));
            }
            return appended;
        }));
        positions.forEach(position -> afterAppend.appended(chain, position));
        return positions;
    }

    /** The appends waiting for the group writer now (0 without group commit). */
    int appendsWaiting() {
        GroupCommit<PendingAppend, Long> group = groupCommit;
        return group == null ? 0 : group.waiting();
    }

    /** The group writer's committed transactions (0 without group commit). */
    long groupTransactions() {
        GroupCommit<PendingAppend, Long> group = groupCommit;
        return group == null ? 0 : group.transactions();
    }

    /** Commits the appends still waiting for the group writer, then stops it. */
    @Override
    public void close() {
        GroupCommit<PendingAppend, Long> group = groupCommit;
        if (group != null) {
            group.close();
        }
    }

    private AuditChainHeadEntity lockedHead(Session session) {
        AuditChainHeadEntity head = session.find(AuditChainHeadEntity.class, chain, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("the audit_chain_head row of " + AuditChains.describe(chain)
                    + " is missing: the chain cannot be extended; run audit-verify");
        }
        return head;
    }

    private long appendAfter(Session session, AuditChainHeadEntity head, VerificationEvent event) {
        VerificationRecordEntity record = new VerificationRecordEntity(chain, head.getLastPosition() + 1,
                head.getLastHash());
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
        r.onBehalfOf = event.onBehalfOf();
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
