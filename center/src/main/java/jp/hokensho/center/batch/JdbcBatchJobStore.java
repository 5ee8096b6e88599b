package jp.hokensho.center.batch;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.port.BatchJobStore;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Submitter;
import jp.hokensho.routes.port.VerificationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous batches in {@code batch_job} / {@code batch_item} (V4, V7). Items are claimed with a conditional
 * UPDATE per group of positions (the rows that got this claim's token are this node's), so of two nodes only one
 * gets an item; only the current token can finish the item. Answers are held until the group is verified, then
 * stored by {@link #recordAnswers} in the audit records' transaction (see {@link BatchAuditTrail}). Items' inputs and answers rest sealed
 * ({@link SealedBatchData}); the job keeps the serial of the key that signed it.
 */
public final class JdbcBatchJobStore implements BatchJobStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBatchJobStore.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final int MAX_ATTEMPTS = 5;
    static final String STOPPED = "STOPPED_CREDENTIALS_INVALID";

    private final DataSource dataSource;
    private final Clock clock;
    private final Settings settings;
    private final String instance;
    private final SealedBatchData sealed;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClaimedItem> pendingByNumber = new ConcurrentHashMap<>();
    private final Map<String, HeldAnswer> held = new ConcurrentHashMap<>();
    private final JpaAuditTrail audit;
    private final JobDispatch dispatch;

    /**
     * @param nodeId   the center node ({@code center.node-id}); claims are made as {@code node-<id>:<random>}
     * @param dataKeys seal items' inputs and answers
     * @param audit    where items' verifications are recorded, in groups ({@link #recordAnswers})
     */
    public JdbcBatchJobStore(DataSource dataSource, Clock clock, int nodeId, Settings settings, DataKeyring dataKeys,
                             JpaAuditTrail audit) {
        this(dataSource, clock, nodeId, settings, dataKeys, audit, JobDispatch.NONE);
    }

    /** @param dispatch told of each job once it is committed (a broker pushes its items to the nodes) */
    public JdbcBatchJobStore(DataSource dataSource, Clock clock, int nodeId, Settings settings, DataKeyring dataKeys,
                             JpaAuditTrail audit, JobDispatch dispatch) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.dispatch = dispatch;
        this.sealed = new SealedBatchData(dataKeys);
        this.clock = clock;
        this.settings = settings;
        this.instance = nodePrefix(nodeId) + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String nodePrefix(int nodeId) {
        return "node-" + nodeId + ":";
    }

    @Override
    public BatchReception submit(Caller caller, String keySerial, List<BatchItem> items) {
        LocalDateTime now = StoredTime.now(clock);
        for (int attempt = 1; ; attempt++) {
            String number = LocalDateTime.ofInstant(clock.instant(), JAPAN).format(DAY)
                    + String.format("%012d", random.nextLong(1_000_000_000_000L));
            try {
                insert(number, caller, keySerial, items, now);
                BatchReception reception = new BatchReception();
                reception.setReceptionNumber(number);
                reception.setTotal(items.size());
                reception.setSubmittedAt(StoredTime.toOffsetDateTime(now));
                LOG.info("batch {} received from {}/{}: {} items", number, caller.organisationCode(), caller.userId(),
                        items.size());
                handOver(number, items.size());
                return reception;
            } catch (SQLException e) {
                if (attempt >= 3 || !e.getSQLState().startsWith("23")) {
                    throw new IllegalStateException("cannot store the batch", e);
                }
            }
        }
    }

    // The job is on record: whatever goes wrong handing it over must not turn the answer into a fault.
    private void handOver(String number, int total) {
        try {
            dispatch.committed(number, total);
        } catch (RuntimeException e) {
            LOG.warn("batch {} is stored but was not handed over ({}): the poll takes it", number, e.toString());
        }
    }

    private void insert(String number, Caller caller, String keySerial, List<BatchItem> items, LocalDateTime now)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement job = c.prepareStatement("INSERT INTO batch_job (reception_number,"
                    + " requester_org_code, requester_org_name, requester_user_id, requester_role,"
                    + " requester_key_serial, status, total_items, done_items, submitted_at) VALUES (?, ?, ?, ?, ?, ?, 'QUEUED', ?, 0, ?)");
                 PreparedStatement item = c.prepareStatement("INSERT INTO batch_item (reception_number, position,"
                         + " item_sealed, status, attempts) VALUES (?, ?, ?, 'QUEUED', 0)")) {
                job.setString(1, number);
                job.setString(2, caller.organisationCode());
                job.setString(3, caller.organisationName());
                job.setString(4, caller.userId());
                job.setString(5, caller.role());
                job.setString(6, keySerial);
                job.setInt(7, items.size());
                job.setObject(8, now);
                job.executeUpdate();
                for (int i = 0; i < items.size(); i++) {
                    BatchItem b = items.get(i) == null ? new BatchItem() : items.get(i);
                    item.setString(1, number);
                    item.setInt(2, i);
                    item.setBytes(3, sealed.sealItem(number, i, b));
                    item.addBatch();
                    if (i % 500 == 499) {
                        item.executeBatch();
                    }
                }
                item.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public Optional<BatchProgress> progress(String receptionNumber, String organisationCode, int offset, int limit) {
        try (Connection c = dataSource.getConnection()) {
            BatchProgress progress = job(c, receptionNumber, organisationCode);
            if (progress == null) {
                return Optional.empty();
            }
            if (progress.getStatus() != BatchStatus.EXPIRED) {
                progress.setDone(doneCount(c, receptionNumber));
                page(c, receptionNumber, offset, limit, progress.getResult());
            }
            return Optional.of(progress);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read batch " + receptionNumber, e);
        }
    }

    private BatchProgress job(Connection c, String number, String organisationCode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, total_items, done_items, submitted_at,"
                + " finished_at, expires_at FROM batch_job WHERE reception_number = ? AND requester_org_code = ?")) {
            s.setString(1, number);
            s.setString(2, organisationCode);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                BatchProgress p = new BatchProgress();
                p.setReceptionNumber(number);
                p.setStatus(BatchStatus.valueOf(r.getString(1)));
                p.setTotal(r.getInt(2));
                p.setDone(r.getInt(3));
                p.setSubmittedAt(StoredTime.toOffsetDateTime(time(r, 4)));
                p.setFinishedAt(StoredTime.toOffsetDateTime(time(r, 5)));
                p.setExpiresAt(StoredTime.toOffsetDateTime(time(r, 6)));
                // Past its expiry but not purged yet: already gone for the caller.
                if (p.getStatus() != BatchStatus.EXPIRED && p.getExpiresAt() != null
                        && !p.getExpiresAt().toInstant().isAfter(clock.instant())) {
                    p.setStatus(BatchStatus.EXPIRED);
                }
                return p;
            }
        }
    }

    private static int doneCount(Connection c, String number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM batch_item WHERE reception_number = ? AND status = 'DONE'")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private void page(Connection c, String number, int offset, int limit, List<BatchItemResult> into)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT position, item_sealed, status, answer_sealed,"
                + " problem_code, problem_field, problem_message FROM batch_item WHERE reception_number = ?"
                + " AND position >= ? AND position < ? ORDER BY position")) {
            s.setString(1, number);
            s.setInt(2, offset);
            s.setLong(3, (long) offset + limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    BatchItemResult result = new BatchItemResult();
                    int position = r.getInt(1);
                    result.setPosition(position);
                    result.setReference(sealed.openItem(number, position, r.getBytes(2)).getReference());
                    if ("DONE".equals(r.getString(3))) {
                        byte[] answer = r.getBytes(4);
                        if (answer != null) {
                            result.setAnswer(sealed.openAnswer(number, position, answer));
                        } else {
                            result.setProblem(problem(r.getString(5), r.getString(6), r.getString(7)));
                        }
                    }
                    into.add(result);
                }
            }
        }
    }

    @Override
    public List<ClaimedItem> claim(int max) {
        List<ClaimedItem> claimed = new ArrayList<>();
        LocalDateTime now = StoredTime.now(clock);
        LocalDateTime stale = now.minus(settings.claimLease());
        try (Connection c = dataSource.getConnection()) {
            for (Job job : activeJobs(c, now.minus(settings.pollOnlyJobsOlderThan()))) {
                candidates(c, job, stale, 0, Integer.MAX_VALUE, max - claimed.size(), now, claimed);
                if (claimed.size() >= max) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim batch items", e);
        }
        return claimed;
    }

    @Override
    public List<ClaimedItem> claimRange(String receptionNumber, int from, int to) {
        List<ClaimedItem> claimed = new ArrayList<>();
        if (to <= from) {
            return claimed;
        }
        LocalDateTime now = StoredTime.now(clock);
        try (Connection c = dataSource.getConnection()) {
            for (Job job : activeJobs(c, "AND reception_number = ?", receptionNumber)) {
                candidates(c, job, now.minus(settings.claimLease()), from, to - 1, to - from, now, claimed);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim items of batch " + receptionNumber, e);
        }
        return claimed;
    }

    private record Job(String number, Submitter submitter, String status) {
    }

    /** Items {@code from … to-1} of the job not done yet (claimed by anyone or queued); 0 once it stopped. */
    public int unfinishedInRange(String receptionNumber, int from, int to) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM batch_item i JOIN batch_job j"
                     + " ON j.reception_number = i.reception_number WHERE i.reception_number = ?"
                     + " AND i.position >= ? AND i.position < ? AND i.status <> 'DONE'"
                     + " AND j.status IN ('QUEUED', 'RUNNING')")) {
            s.setString(1, receptionNumber);
            s.setInt(2, from);
            s.setInt(3, to);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the progress of batch " + receptionNumber, e);
        }
    }

    private static List<Job> activeJobs(Connection c, LocalDateTime submittedBy) throws SQLException {
        return activeJobs(c, "AND submitted_at <= ?", submittedBy);
    }

    private static List<Job> activeJobs(Connection c, String condition, Object parameter) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT reception_number, requester_user_id, requester_org_code,"
                + " requester_key_serial, status FROM batch_job WHERE status IN ('QUEUED', 'RUNNING') " + condition
                + " ORDER BY submitted_at, reception_number")) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    // Who submitted, to be checked again before each item runs (their rights may have changed since).
                    jobs.add(new Job(r.getString(1), new Submitter(r.getString(2), r.getString(3), r.getString(4)),
                            r.getString(5)));
                }
            }
        }
        return jobs;
    }

    // One group per job: the claimable items of a range of positions get one token in one UPDATE (the row count
    // no longer decides alone: the token then says which rows this claim got), instead of one UPDATE per item.
    // Positions lowest … highest (both included), at most max of them.
    private void candidates(Connection c, Job job, LocalDateTime stale, int lowest, int highest, int max,
                            LocalDateTime now, List<ClaimedItem> claimed) throws SQLException {
        if ("QUEUED".equals(job.status())) {
            try (PreparedStatement s = c.prepareStatement("UPDATE batch_job SET status = 'RUNNING', started_at = ?"
                    + " WHERE reception_number = ? AND status = 'QUEUED'")) {
                s.setObject(1, now);
                s.setString(2, job.number());
                s.executeUpdate();
            }
        }
        List<Integer> positions = claimable(c, job.number(), "status = 'QUEUED'", null, lowest, highest, max);
        positions.addAll(claimable(c, job.number(), "status = 'CLAIMED' AND claimed_at < ?", stale, lowest, highest,
                max));
        if (positions.isEmpty()) {
            return;
        }
        positions.sort(null);
        int first = positions.get(0);
        int last = positions.get(Math.min(max, positions.size()) - 1);
        String token = UUID.randomUUID().toString();
        try (PreparedStatement s = c.prepareStatement("UPDATE batch_item SET status = 'CLAIMED', claimed_by = ?,"
                + " claim_token = ?, claimed_at = ?, attempts = attempts + 1 WHERE reception_number = ?"
                + " AND position BETWEEN ? AND ? AND (status = 'QUEUED' OR (status = 'CLAIMED' AND claimed_at < ?))")) {
            s.setString(1, instance);
            s.setString(2, token);
            s.setObject(3, now);
            s.setString(4, job.number());
            s.setInt(5, first);
            s.setInt(6, last);
            s.setObject(7, stale);
            if (s.executeUpdate() == 0) {
                return; // another node claimed them first
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT position, attempts, item_sealed FROM batch_item"
                + " WHERE reception_number = ? AND position BETWEEN ? AND ? AND status = 'CLAIMED' AND claim_token = ?"
                + " ORDER BY position")) {
            s.setString(1, job.number());
            s.setInt(2, first);
            s.setInt(3, last);
            s.setString(4, token);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int position = r.getInt(1);
                    ClaimedItem item = new ClaimedItem(job.number(), position, token, job.submitter(),
                            sealed.openItem(job.number(), position, r.getBytes(3)));
                    if (r.getInt(2) > MAX_ATTEMPTS) {
                        recordProblem(item, problem("VERIFICATION_FAILED", null,
                                "the item could not be verified after " + MAX_ATTEMPTS + " attempts"));
                    } else {
                        claimed.add(item);
                    }
                }
            }
        }
    }

    // The first claimable positions of a job, read in the order of the index (reception_number, status, position),
    // which H2 then reads no further than the limit. Each state is read on its own: with an OR of the two, H2 walked
    // the job's rows from its first position, DONE ones included, at every claim (a claim's cost grew with the job).
    private static List<Integer> claimable(Connection c, String number, String state, LocalDateTime stale,
                                           int lowest, int highest, int max) throws SQLException {
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT position FROM batch_item WHERE reception_number = ?"
                + " AND " + state + " AND position BETWEEN ? AND ? ORDER BY reception_number, status, position LIMIT ?")) {
            int i = 1;
            s.setString(i++, number);
            if (stale != null) {
                s.setObject(i++, stale);
            }
            s.setInt(i++, lowest);
            s.setInt(i++, highest);
            s.setInt(i, max);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    positions.add(r.getInt(1));
                }
            }
        }
        return positions;
    }

    @Override
    public void expectAnswer(ClaimedItem item, String verificationNumber) {
        pendingByNumber.put(verificationNumber, item);
    }

    /** The claimed item awaiting the audit record of this verification number, if any (taken out). */
    Optional<ClaimedItem> takePending(String verificationNumber) {
        return Optional.ofNullable(pendingByNumber.remove(verificationNumber));
    }

    /**
     * The audit trail hands over a claimed item's verification here instead of recording it at once; it is
     * recorded with the rest of its group by {@link #recordAnswers}. Until then nothing of it is visible.
     */
    void holdAnswer(ClaimedItem item, VerificationEvent event) {
        // Sealed here, on the item's own worker thread, to keep the group's transaction (and its locks) short.
        held.put(heldKey(item), new HeldAnswer(item, event,
                sealed.sealAnswer(item.receptionNumber(), item.position(), event)));
    }

    private static String heldKey(ClaimedItem item) {
        return item.claimToken() + "/" + item.position();
    }

    private record HeldAnswer(ClaimedItem item, VerificationEvent event, byte[] sealedAnswer) {
    }

    /**
     * Records the held answers of these items with their audit records in one transaction (chain head locked
     * once). If the group fails (say one claim was lost to another node), each is tried alone, so that one bad
     * item neither takes the others down nor goes unseen: it is logged, given back to the queue and returned.
     */
    @Override
    public List<ClaimedItem> recordAnswers(List<ClaimedItem> items) {
        List<HeldAnswer> group = new ArrayList<>();
        for (ClaimedItem item : items) {
            HeldAnswer answer = held.remove(heldKey(item));
            if (answer != null) {
                group.add(answer);
            }
        }
        try {
            record(group);
            return List.of();
        } catch (RuntimeException e) {
            LOG.warn("a group of {} batch answers could not be recorded together, recording them one by one: {}",
                    group.size(), String.valueOf(e));
        }
        List<ClaimedItem> failed = new ArrayList<>();
        for (HeldAnswer answer : group) {
            try {
                record(List.of(answer));
            } catch (RuntimeException e) {
                ClaimedItem item = answer.item();
                LOG.warn("batch {} item {}: its answer is not recorded, released for a retry: {}",
                        item.receptionNumber(), item.position(), String.valueOf(e));
                release(item);
                failed.add(item);
            }
        }
        return failed;
    }

    private void record(List<HeldAnswer> group) {
        audit.appendAll(group.stream().map(HeldAnswer::event).toList(),
                session -> session.doWork(connection -> markAnswered(connection, group)));
    }

    /**
     * In the audit records' transaction: each item is DONE with its answer, or (a claim was lost to another
     * node) this throws and the audit records are rolled back with them.
     */
    private void markAnswered(Connection c, List<HeldAnswer> group) throws SQLException {
        LocalDateTime now = StoredTime.now(clock);
        try (PreparedStatement s = c.prepareStatement("UPDATE batch_item SET status = 'DONE', verification_number = ?,"
                + " answer_digest = ?, answer_sealed = ?, done_at = ?, claim_token = NULL WHERE reception_number = ?"
                + " AND position = ? AND status = 'CLAIMED' AND claim_token = ?")) {
            if (group.size() == 1) {
                bindAnswer(s, group.get(0), now);
                requireOneRow(group.get(0), s.executeUpdate());
                return;
            }
            for (HeldAnswer answer : group) {
                bindAnswer(s, answer, now);
                s.addBatch();
            }
            // One JDBC batch (on MariaDB one round trip instead of one per item); each item's row count must be 1.
            // A driver that reports no counts (MariaDB's useBulkStmts=true: SUCCESS_NO_INFO) fails the group, which
            // is then recorded item by item, each with a statement of its own.
            int[] counts = s.executeBatch();
            for (int i = 0; i < group.size(); i++) {
                requireOneRow(group.get(i), counts[i]);
            }
        }
    }

    private static void bindAnswer(PreparedStatement s, HeldAnswer answer, LocalDateTime now) throws SQLException {
        ClaimedItem item = answer.item();
        s.setString(1, answer.event().answer().getVerificationNumber());
        s.setString(2, answer.event().answerDigest());
        s.setBytes(3, answer.sealedAnswer());
        s.setObject(4, now);
        s.setString(5, item.receptionNumber());
        s.setInt(6, item.position());
        s.setString(7, item.claimToken());
    }

    private static void requireOneRow(HeldAnswer answer, int rows) {
        if (rows != 1) {
            ClaimedItem item = answer.item();
            throw new IllegalStateException("batch " + item.receptionNumber() + " item " + item.position()
                    + (rows == Statement.SUCCESS_NO_INFO ? ": the driver reported no row count" : ": claim lost")
                    + ", the verification is not recorded");
        }
    }

    @Override
    public void recordProblem(ClaimedItem item, RequestFault problem) {
        update("UPDATE batch_item SET status = 'DONE', problem_code = ?, problem_field = ?, problem_message = ?,"
                + " done_at = ?, claim_token = NULL WHERE reception_number = ? AND position = ? AND status = 'CLAIMED'"
                + " AND claim_token = ?", problem.getCode(), problem.getField(), truncate(problem.getMessage()),
                StoredTime.now(clock), item.receptionNumber(), item.position(), item.claimToken());
    }

    @Override
    public void release(ClaimedItem item) {
        pendingByNumber.values().removeIf(pending -> pending.claimToken().equals(item.claimToken())
                && pending.position() == item.position());
        held.remove(heldKey(item));
        update("UPDATE batch_item SET status = 'QUEUED', claimed_by = NULL, claim_token = NULL, claimed_at = NULL"
                + " WHERE reception_number = ? AND position = ? AND status = 'CLAIMED' AND claim_token = ?",
                item.receptionNumber(), item.position(), item.claimToken());
    }

    @Override
    public boolean stopForInvalidCredentials(ClaimedItem item) {
        LocalDateTime now = StoredTime.now(clock);
        int stopped = update("UPDATE batch_job SET status = '" + STOPPED + "', finished_at = ?, expires_at = ?,"
                + " done_items = (SELECT COUNT(*) FROM batch_item i WHERE i.reception_number ="
                + " batch_job.reception_number AND i.status = 'DONE') WHERE reception_number = ?"
                + " AND status IN ('QUEUED', 'RUNNING')", now, now.plus(settings.keep()), item.receptionNumber());
        release(item);
        return stopped == 1;
    }

    /** On a clean stop: this instance's unfinished claims go back to the queue at once. */
    public int releaseOwnClaims() {
        return update("UPDATE batch_item SET status = 'QUEUED', claimed_by = NULL, claim_token = NULL,"
                + " claimed_at = NULL WHERE status = 'CLAIMED' AND claimed_by = ?", instance);
    }

    /**
     * On start, before the worker runs: claims left by an earlier run of this node (it crashed or was killed)
     * go back to the queue. Safe because a node id runs once at a time, and an item claimed but not DONE has no
     * audit record (they commit together). Other nodes' stale claims wait for the claim lease.
     */
    public int recoverEarlierClaimsOfThisNode(int nodeId) {
        int recovered = update("UPDATE batch_item SET status = 'QUEUED', claimed_by = NULL, claim_token = NULL,"
                + " claimed_at = NULL WHERE status = 'CLAIMED' AND claimed_by LIKE ? AND claimed_by <> ?",
                nodePrefix(nodeId) + "%", instance);
        if (recovered > 0) {
            LOG.info("{} batch items claimed by an earlier run of this node are queued again", recovered);
        }
        return recovered;
    }

    /** On start: items an earlier version stored in plain text are sealed ({@link PlainBatchItemSealer}). */
    public int sealPlainItems() {
        return new PlainBatchItemSealer(dataSource, sealed).sealAll();
    }

    // A running job's done count is counted when it is asked for (progress); here only whether any item is left,
    // one index seek per job. Counting the DONE items after every group cost a walk over all of them each time.
    @Override
    public void updateProgress() {
        LocalDateTime now = StoredTime.now(clock);
        int finished = update("UPDATE batch_job SET status = 'DONE', done_items = total_items, finished_at = ?,"
                + " expires_at = ? WHERE status = 'RUNNING' AND " + noItemIn("QUEUED") + " AND " + noItemIn("CLAIMED"),
                now, now.plus(settings.keep()));
        if (finished > 0) {
            LOG.info("{} batch(es) finished", finished);
        }
    }

    // One condition per state: with IN (…) the databases walked the job's DONE entries of the index to find one.
    private static String noItemIn(String state) {
        return "NOT EXISTS (SELECT 1 FROM batch_item i WHERE i.reception_number = batch_job.reception_number"
                + " AND i.status = '" + state + "')";
    }

    @Override
    public int purgeExpired() {
        LocalDateTime now = StoredTime.now(clock);
        List<String> expired = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT reception_number FROM batch_job WHERE status IN ('DONE', '" + STOPPED + "')"
                             + " AND expires_at <= ?")) {
            s.setObject(1, now);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    expired.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find expired batches", e);
        }
        for (String number : expired) {
            update("DELETE FROM batch_item WHERE reception_number = ?", number);
            update("UPDATE batch_job SET status = 'EXPIRED' WHERE reception_number = ? AND status IN ('DONE', '"
                    + STOPPED + "')", number);
        }
        return expired.size();
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("batch store: " + sql.substring(0, Math.min(60, sql.length())), e);
        }
    }

    private static LocalDateTime time(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDateTime.class);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 400 ? message : message.substring(0, 400);
    }

    static RequestFault problem(String code, String field, String message) {
        RequestFault info = new RequestFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return info;
    }

    /**
     * @param keep                  how long results are kept after a job finished ({@code center.batch.keep-hours})
     * @param claimLease            after this, another node may take over an unfinished claim
     *                              ({@code center.batch.claim-lease-seconds})
     * @param pollOnlyJobsOlderThan the poll ({@link #claim}) leaves younger jobs alone: with a broker, their items
     *                              are pushed to the nodes, and the poll is only the safety net (zero: every job)
     */
    public record Settings(Duration keep, Duration claimLease, Duration pollOnlyJobsOlderThan) {
        public Settings(Duration keep, Duration claimLease) {
            this(keep, claimLease, Duration.ZERO);
        }
    }
}
