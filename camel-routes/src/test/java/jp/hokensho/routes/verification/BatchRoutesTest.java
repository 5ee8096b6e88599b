package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.BatchJobStore;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.StoredCard;
import jp.hokensho.routes.port.Submitter;
import jp.hokensho.routes.port.SubmitterCheck;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationNumberIssuer;
import jp.hokensho.routes.verification.VerificationSteps.VerificationPorts;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk verification routes with thread-safe in-memory ports: the SOAP entry replaced by {@code direct:entry},
 * the real-time insurer by a double that answers after a random delay (so items finish out of order).
 */
class BatchRoutesTest extends CamelTestSupport {
    private static final Instant NOW = Instant.parse("2026-03-31T20:00:00Z");
    private static final int SYNC_MAX = 50;
    private static final Caller MANAGER = new Caller("ueno-manager", "1310000001", "上野クリニック",
            "MEDICAL_INSTITUTION:BUSINESS_MANAGER", EnumSet.of(Permission.VERIFY_CARD));
    private static final Caller NO_RIGHT = new Caller("insurer-staff", "00000001", "〇〇〇健康保険組合",
            "INSURER:STAFF", EnumSet.of(Permission.CARD_DATA_ENTRY));

    private static final String KEY_SERIAL = "4242";

    private final Audit audit = new Audit();
    private final Jobs jobs = new Jobs();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    // The submitter check double: MANAGER with the key KEY_SERIAL holds until the test withdraws it.
    private volatile SubmitterCheck.Standing managerStanding = SubmitterCheck.Standing.valid(MANAGER);
    private final AtomicInteger insurerCalls = new AtomicInteger();
    // The card store's reads, each as the card numbers it asked for (findAll's own reads through find included).
    private final List<List<String>> cardReads = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cardStoreDown;
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        InsurerDirectory directory = number -> Optional.ofNullable(Map.of("00000001", Insurers.REAL_TIME,
                "33120015", Insurers.PRE_STORED).get(number));
        StoredCard stored = new StoredCard(aCard().insurerNumber("33120015").symbol("大阪").number("4711").build(),
                OffsetDateTime.of(2005, 7, 1, 3, 0, 0, 0, ZoneOffset.UTC));
        CardStore cards = new CardStore() {
            @Override
            public Optional<StoredCard> find(String insurer, String symbol, String number) {
                cardReads.add(List.of(number));
                return "4711".equals(number) ? Optional.of(stored) : Optional.empty();
            }

            @Override
            public Map<Key, StoredCard> findAll(Collection<Key> keys) {
                if (cardStoreDown) {
                    throw new IllegalStateException("the card store is unreachable");
                }
                cardReads.add(keys.stream().map(Key::number).sorted().toList());
                return CardStore.super.findAll(keys).isEmpty() ? Map.of() : Map.of(Key.of("33120015", "大阪", "4711"),
                        stored);
            }
        };
        AtomicLong next = new AtomicLong(1);
        VerificationNumberIssuer numbers = () -> String.format("%020d", next.getAndIncrement());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        VerificationSteps steps = new VerificationSteps(new VerificationPorts(directory, cards, numbers, audit,
                (reason, user, organisation, operation, detail) -> { }), clock);
        SubmitterCheck submitters = submitter -> MANAGER.userId().equals(submitter.userId())
                && KEY_SERIAL.equals(submitter.keySerial()) ? managerStanding
                : SubmitterCheck.Standing.invalid("UNKNOWN_KEY", "not the manager's key");
        BatchSteps batch = new BatchSteps(new QueryNormaliser(clock), jobs, submitters,
                (reason, user, organisation, operation, detail) -> refusals.add(reason + " " + user + " " + operation),
                new BatchSteps.Limits(SYNC_MAX, 100, 1000, 10));
        return new RoutesBuilder[] {new EligibilityRoutes(steps, new VerificationHistory(audit)),
                new BatchRoutes(steps, batch, new BatchRoutes.Settings(4, 2, 2, true, 50, 60_000))};
    }

    @BeforeEach
    void replaceSoapEndpoints() throws Exception {
        AdviceWith.adviceWith(context, "eligibility-entry", a -> a.replaceFromWith("direct:entry"));
        AdviceWith.adviceWith(context, "insurer-query-call", a -> a.weaveByToUri("cxf:*").replace()
                .process(exchange -> {
                    insurerCalls.incrementAndGet();
                    mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 60));
                    } finally {
                        concurrent.decrementAndGet();
                    }
                    exchange.getMessage().setBody(new MessageContentsList(aCard().build()));
                }));
        context.start();
    }

    @Test
    void syncBatchAnswersInInputOrderAndReportsMalformedItemsAlone() {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(switch (i % 5) {
                case 0 -> item("00000001", "東京", "001", "2005-07-08");
                case 1 -> item("33120015", "大阪", "4711", "2005-07-08");
                case 2 -> item("99999999", "東京", "001", "2005-07-08");
                case 3 -> item("1234567", "東京", "001", "2005-07-08");
                default -> item("00000001", "東京", "001", "2005-02-30");
            });
        }

        List<BatchItemResult> results = syncResults(call("verifyEligibilityBatch", MANAGER, items));

        assertEquals(40, results.size());
        for (int i = 0; i < 40; i++) {
            BatchItemResult result = results.get(i);
            assertEquals(i, result.getPosition());
            assertEquals("ref-" + i, result.getReference());
            switch (i % 5) {
                case 0, 1 -> assertEquals(ResultCode.VALID, result.getAnswer().getResultCode());
                case 2 -> assertEquals(ResultCode.INSURER_NOT_FOUND, result.getAnswer().getResultCode());
                case 3 -> assertProblem(result, "INVALID_FIELD", "insurerNumber");
                default -> assertProblem(result, "INVALID_FIELD", "targetDate");
            }
        }
        assertEquals(24, audit.appended.size(), "one record per valid item, none for malformed ones");
        assertEquals(24, new HashSet<>(audit.numbers()).size(), "each its own number");
        assertEquals(8, insurerCalls.get());
        assertTrue(mostConcurrent.get() > 1, "items run in parallel: " + mostConcurrent.get());
        assertTrue(mostConcurrent.get() <= 4, "bounded by the pool: " + mostConcurrent.get());
        assertTrue(audit.appended.stream().allMatch(event -> event.caller() == MANAGER));
    }

    @Test
    void syncBatchOverTheLimitIsBatchTooLargeAndVerifiesNothing() {
        List<BatchItem> items = Collections.nCopies(SYNC_MAX + 1, item("33120015", "大阪", "4711", null));

        Exchange reply = call("verifyEligibilityBatch", MANAGER, items);

        InvalidRequestFault fault = assertInstanceOf(InvalidRequestFault.class, declaredFault(reply));
        assertEquals("BATCH_TOO_LARGE", fault.getFaultInfo().getCode());
        assertTrue(audit.appended.isEmpty());
    }

    @Test
    void batchOperationsNeedTheCardVerificationRight() {
        Exchange reply = call("verifyEligibilityBatch", NO_RIGHT, List.of(item("33120015", "大阪", "4711", null)));
        assertNotNull(reply.getException());
        assertTrue(audit.appended.isEmpty());
        assertNotNull(call("submitBatch", NO_RIGHT, List.of(item("33120015", "大阪", "4711", null))).getException());
        assertTrue(jobs.submitted.isEmpty());
    }

    @Test
    void submittedBatchIsVerifiedByTheWorkerWithAnswersAnnouncedAndProblemsStored() throws Exception {
        List<BatchItem> items = List.of(item("33120015", "大阪", "4711", null), item("1234567", "東京", "001", null),
                item("00000001", "東京", "001", "2005-07-08"));
        Exchange reply = call("submitBatch", MANAGER, items);
        assertNull(reply.getException());
        assertEquals("00000000000000000077", reply.getMessage().getBody(BatchReception.class).getReceptionNumber());

        long deadline = System.currentTimeMillis() + 10_000;
        while ((audit.appended.size() < 2 || jobs.problems.isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(3, jobs.finished.get());
        assertEquals(List.of(1), List.copyOf(jobs.problems.keySet()));
        assertEquals("insurerNumber", jobs.problems.get(1).getField());
        assertEquals(2, audit.appended.size());
        assertEquals(new HashSet<>(audit.numbers()), new HashSet<>(jobs.announced.keySet()),
                "every recorded number was announced for its item first");
        assertTrue(audit.appended.stream().allMatch(event -> event.caller() == MANAGER), "recorded as the submitter");
    }

    @Test
    void aClaimedGroupSentToTheGroupRouteReadsItsCardsInOneGoAndAnswersEachItemAsAloneWouldBe() {
        Submitter submitter = new Submitter(MANAGER.userId(), MANAGER.organisationCode(), KEY_SERIAL);
        List<BatchItem> items = new ArrayList<>();
        List<ClaimedItem> group = new ArrayList<>();
        String[] numbers = {"4711", "4711", "0815", "4711", null, "4711"};
        for (int position = 0; position < numbers.length; position++) {
            items.add(position == 4 ? item("00000001", "東京", "001", "2005-07-08")
                    : item("33120015", "大阪", numbers[position], position == 5 ? "2005-07-08" : null));
            group.add(new ClaimedItem("00000000000000000088", position, "token-" + position, submitter,
                    items.get(position)));
        }
        // Each item alone: the synchronous batch reads its card per item.
        List<ResultCode> alone = syncResults(call("verifyEligibilityBatch", MANAGER, items)).stream()
                .map(result -> result.getAnswer().getResultCode()).toList();
        audit.appended.clear();
        cardReads.clear();

        template.sendBody("direct:batch-group", group);

        // One read for the group's two distinct pre-stored cards (the double reads them one by one inside it),
        // none per item; the real-time item asks its insurer.
        assertEquals(List.of("0815", "4711"), cardReads.get(0));
        assertEquals(3, cardReads.size(), "findAll, then its two keys: " + cardReads);
        assertEquals(numbers.length, jobs.announced.size());
        ResultCode[] grouped = new ResultCode[numbers.length];
        for (VerificationEvent event : List.copyOf(audit.appended)) {
            grouped[jobs.announced.get(event.answer().getVerificationNumber()).position()] =
                    event.answer().getResultCode();
            assertEquals(AnswerDigest.sha256Hex(event.canonicalAnswer()), event.answerDigest(),
                    "the kept canonical form is what the digest was taken over");
            assertEquals(new AnswerDigest().of(event.answer()), event.answerDigest());
        }
        assertEquals(alone, List.of(grouped));
        assertEquals(Set.of(ResultCode.VALID, ResultCode.EXPIRED, ResultCode.SYMBOL_NUMBER_NOT_FOUND), Set.copyOf(alone),
                "the items' answers differ, so the comparison says something");
        assertEquals(List.of(group), jobs.recorded, "the group recorded as one");
    }

    @Test
    void aGroupThatFailsAsAWholeGivesItsItemsBackAndRecordsNothing() {
        Submitter submitter = new Submitter(MANAGER.userId(), MANAGER.organisationCode(), KEY_SERIAL);
        List<ClaimedItem> group = new ArrayList<>();
        for (int position = 0; position < 3; position++) {
            group.add(new ClaimedItem("00000000000000000099", position, "token", submitter,
                    item("33120015", "大阪", "4711", null)));
        }
        cardStoreDown = true;
        jobs.releaseExpected = true;
        try {
            Exchange done = template.send("direct:batch-group", exchange -> exchange.getIn().setBody(group));
            assertNull(done.getException(), "handled: the worker goes on");
        } finally {
            cardStoreDown = false;
            jobs.releaseExpected = false;
        }
        assertEquals(Set.of(0, 1, 2), jobs.released);
        assertTrue(audit.appended.isEmpty(), "nothing verified");
        assertTrue(jobs.recorded.isEmpty(), "nothing recorded");
    }

    @Test
    void submitterWhoseKeyNoLongerHoldsStopsTheJobAndNoItemRuns() throws Exception {
        List<BatchItem> items = List.of(item("33120015", "大阪", "4711", null), item("00000001", "東京", "001", null),
                item("33120015", "大阪", "4711", null));
        assertNull(call("submitBatch", MANAGER, items).getException());
        managerStanding = SubmitterCheck.Standing.invalid("REVOKED_KEY", "key 4242 revoked");

        long deadline = System.currentTimeMillis() + 10_000;
        while ((jobs.unrun.size() < items.size() || refusals.isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Set.of(0, 1, 2), jobs.unrun, "every claimed item given back unrun");
        assertEquals(Set.of("00000000000000000077"), jobs.stopped);
        assertTrue(audit.appended.isEmpty(), "nothing verified or recorded");
        assertEquals(0, insurerCalls.get());
        assertEquals(0, jobs.finished.get());
        assertEquals(List.of("REVOKED_KEY ueno-manager submitBatch"), refusals, "logged once, for the job");
    }

    @Test
    void submitterWhoLostTheRightToVerifyStopsTheJob() throws Exception {
        assertNull(call("submitBatch", MANAGER, List.of(item("33120015", "大阪", "4711", null))).getException());
        managerStanding = SubmitterCheck.Standing.valid(new Caller(MANAGER.userId(), MANAGER.organisationCode(),
                MANAGER.organisationName(), "MEDICAL_INSTITUTION:NONE", EnumSet.noneOf(Permission.class)));

        long deadline = System.currentTimeMillis() + 10_000;
        while (refusals.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Set.of(0), jobs.unrun);
        assertTrue(audit.appended.isEmpty());
        assertEquals(List.of("MISSING_PERMISSION ueno-manager submitBatch"), refusals);
    }

    @Test
    void theWorkerKeepsAtMostItsGroupsInFlightClaimsOnItsOwnThreadAndRecordsEveryItemOnce() throws Exception {
        // 60 real-time items (5-60 ms each at the insurer double), groups of 10, 2 verifying threads, 2 groups in
        // flight: a group takes far longer than a claim, so the worker always has its 2 groups out.
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(item("00000001", "東京", "001", "2005-07-08"));
        }
        assertNull(call("submitBatch", MANAGER, items).getException());

        long deadline = System.currentTimeMillis() + 20_000;
        while (jobs.recordedPositions().size() < 60 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<Integer> recorded = jobs.recordedPositions();
        assertEquals(60, recorded.size(), "every item recorded, none twice");
        assertEquals(60, new HashSet<>(recorded).size());
        assertEquals(2, jobs.mostGroupsInFlight.get(), "two groups out at a time, never more");
        assertEquals(1, jobs.claimThreads.size(), () -> "one claiming thread: " + jobs.claimThreads);
        assertTrue(jobs.claimThreads.iterator().next().endsWith("timer://batch-claims"),
                () -> "never a verifying thread: " + jobs.claimThreads);
    }

    @Test
    void anotherOrganisationsReceptionNumberIsNotFound() {
        Exchange reply = call("getBatchResult", MANAGER, "00000000000000000078", 0, 10);
        NotFoundFault fault = assertInstanceOf(NotFoundFault.class, declaredFault(reply));
        assertEquals("BATCH_NOT_FOUND", fault.getFaultInfo().getCode());
        assertEquals(List.of("00000000000000000078/1310000001"), jobs.asked);
    }

    private static void assertProblem(BatchItemResult result, String code, String field) {
        assertNull(result.getAnswer(), "item " + result.getPosition());
        assertEquals(code, result.getProblem().getCode());
        assertEquals(field, result.getProblem().getField());
    }

    @SuppressWarnings("unchecked")
    private static List<BatchItemResult> syncResults(Exchange reply) {
        assertNull(reply.getException(), () -> "failed: " + reply.getException());
        MessageContentsList out = assertInstanceOf(MessageContentsList.class, reply.getMessage().getBody());
        return (List<BatchItemResult>) out.get(0);
    }

    private Exchange call(String operation, Caller caller, Object... parameters) {
        return template.request("direct:entry", exchange -> {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.put(Caller.class, caller);
            cxfMessage.put(Caller.SIGNING_KEY_SERIAL, new java.math.BigInteger(KEY_SERIAL));
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
            exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, operation);
            exchange.getIn().setBody(new ArrayList<>(List.of(parameters)));
        });
    }

    private static int counter;

    private static BatchItem item(String insurer, String symbol, String number, String date) {
        BatchItem item = new BatchItem();
        item.setReference("ref-" + (counter++ % 40));
        item.setInsurerNumber(insurer);
        item.setSymbol(symbol);
        item.setNumber(number);
        item.setTargetDate(date);
        return item;
    }

    @BeforeEach
    void resetReferences() {
        counter = 0;
    }

    /** Thread-safe audit double. */
    static final class Audit implements AuditTrail {
        final List<VerificationEvent> appended = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void append(VerificationEvent event) {
            appended.add(event);
        }

        List<String> numbers() {
            return appended.stream().map(event -> event.answer().getVerificationNumber()).toList();
        }

        @Override
        public Optional<RecordedVerification> find(String verificationNumber) {
            return Optional.empty();
        }

        @Override
        public jp.hokensho.routes.port.VerificationListing list(jp.hokensho.routes.port.VerificationSearch search) {
            return new jp.hokensho.routes.port.VerificationListing(List.of(), 0);
        }
    }

    /** A job store double: one submitted job, claimed once by the worker. */
    static final class Jobs implements BatchJobStore {
        final List<List<BatchItem>> submitted = Collections.synchronizedList(new ArrayList<>());
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final Map<String, ClaimedItem> announced = new ConcurrentHashMap<>();
        final Map<Integer, RequestFault> problems = new ConcurrentHashMap<>();
        final AtomicInteger finished = new AtomicInteger();
        final Set<String> stopped = ConcurrentHashMap.newKeySet();
        final Set<Integer> unrun = ConcurrentHashMap.newKeySet();
        final List<List<ClaimedItem>> recorded = Collections.synchronizedList(new ArrayList<>());
        final Set<Integer> released = ConcurrentHashMap.newKeySet();
        volatile boolean releaseExpected;
        final AtomicInteger groupsInFlight = new AtomicInteger();
        final AtomicInteger mostGroupsInFlight = new AtomicInteger();
        final Set<String> claimThreads = ConcurrentHashMap.newKeySet();
        private final List<ClaimedItem> queue = Collections.synchronizedList(new ArrayList<>());

        @Override
        public BatchReception submit(Caller caller, String keySerial, List<BatchItem> items) {
            submitted.add(items);
            Submitter submitter = new Submitter(caller.userId(), caller.organisationCode(), keySerial);
            for (int i = 0; i < items.size(); i++) {
                queue.add(new ClaimedItem("00000000000000000077", i, "token-" + i, submitter, items.get(i)));
            }
            BatchReception reception = new BatchReception();
            reception.setReceptionNumber("00000000000000000077");
            reception.setTotal(items.size());
            return reception;
        }

        @Override
        public Optional<BatchProgress> progress(String receptionNumber, String organisationCode, int offset, int limit) {
            asked.add(receptionNumber + "/" + organisationCode);
            return Optional.empty();
        }

        @Override
        public List<ClaimedItem> claim(int max) {
            claimThreads.add(Thread.currentThread().getName());
            synchronized (queue) {
                List<ClaimedItem> claimed = new ArrayList<>(queue.subList(0, Math.min(max, queue.size())));
                queue.removeAll(claimed);
                if (!claimed.isEmpty()) {
                    mostGroupsInFlight.accumulateAndGet(groupsInFlight.incrementAndGet(), Math::max);
                }
                return claimed;
            }
        }

        @Override
        public List<ClaimedItem> claimRange(String receptionNumber, int from, int to) {
            throw new AssertionError("the poll claims; a range comes from a broker");
        }

        @Override
        public void expectAnswer(ClaimedItem item, String verificationNumber) {
            announced.put(verificationNumber, item);
            finished.incrementAndGet();
        }

        @Override
        public List<ClaimedItem> recordAnswers(List<ClaimedItem> items) {
            recorded.add(List.copyOf(items));
            groupsInFlight.decrementAndGet();
            return List.of();
        }

        List<Integer> recordedPositions() {
            synchronized (recorded) {
                return recorded.stream().flatMap(List::stream).map(ClaimedItem::position).toList();
            }
        }

        @Override
        public void recordProblem(ClaimedItem item, RequestFault problem) {
            problems.put(item.position(), problem);
            finished.incrementAndGet();
        }

        @Override
        public void release(ClaimedItem item) {
            if (!releaseExpected) {
                throw new AssertionError("no item should fail: " + item);
            }
            released.add(item.position());
        }

        @Override
        public boolean stopForInvalidCredentials(ClaimedItem item) {
            unrun.add(item.position());
            return stopped.add(item.receptionNumber());
        }

        @Override
        public void updateProgress() {
        }

        @Override
        public int purgeExpired() {
            return 0;
        }
    }

    /** The contract fault the caller receives: CXF's Fault around it, as the routes hand it to CXF. */
    private static Throwable declaredFault(Exchange reply) {
        Exception raised = reply.getException();
        assertInstanceOf(org.apache.cxf.interceptor.Fault.class, raised, "handed to CXF as a declared fault");
        return raised.getCause();
    }
}
