package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntFunction;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.InsurerEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk verification through the real center (signed and encrypted SOAP) against a real real-time insurer
 * adapter and the card store: synchronous batches, asynchronous jobs, a center restart during a job and an
 * insurer stopped during one. Runs once per database (subclasses).
 */
abstract class BatchVerificationEndToEndTest extends CenterStackTestBase {
    private static final int SYNC_MAX = 300;
    static final Map<String, String> SETTINGS = Map.of("center.batch.sync-max-items", String.valueOf(SYNC_MAX),
            "center.batch.poll-millis", "200", "center.batch.claim-chunk", "20",
            // The insurer-stopped test opens the insurer's circuit; let it close quickly for the tests after it.
            "center.insurer.breaker.open-seconds", "1");

    // The held insurer's requests time out after this (the center's stop waits for the group in hand).
    private static final Duration HELD_INSURER_TIMEOUT = Duration.ofSeconds(3);

    private Properties client;
    private EligibilityPortType clinic;

    @Override
    abstract TestDatabase database(Path dir);

    @Override
    Map<String, String> centerOverrides() {
        return SETTINGS;
    }

    @BeforeAll
    void connectClinic() throws Exception {
        client = stack.client();
        clinic = ClinicClient.connect(client);
    }

    @Test
    void syncBatchAnswersEveryItemInOrderAndReportsMalformedOnesAlone() throws Exception {
        List<BatchItem> items = new ArrayList<>(List.of(
                item("p0", "00000001", "東京", "001", "2005-07-08"),
                item("p1", "33120015", "大阪", "100", "2025-06-01"),
                item("p2", "12345678", "東京", "001", "2005-07-08"),
                item("p3", "1234567", "東京", "001", "2005-07-08"),
                item("p4", "00000001", "東京", "001", "2005-13-45"),
                item("p5", "00000001", null, "001", "2005-07-08"),
                item("p6", "00000001", "東京", "999", "2005-07-08"),
                item("p7", "３３１２００１５", " 大阪 ", "２００", "2025-06-01")));
        for (int i = 8; i < 60; i++) {
            items.add(i % 2 == 0 ? item("p" + i, "00000001", "東京", "001", "2005-07-08")
                    : item("p" + i, "33120015", "大阪", "100", "2025-06-01"));
        }
        long before = db.verificationCount();

        List<BatchItemResult> results = clinic.verifyEligibilityBatch(items);

        assertEquals(items.size(), results.size());
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            BatchItemResult result = results.get(i);
            assertEquals(i, result.getPosition(), "input order");
            assertEquals("p" + i, result.getReference());
            if (i >= 3 && i <= 5) {
                assertNull(result.getAnswer(), "malformed item " + i);
                assertNotNull(result.getProblem(), "malformed item " + i);
            } else {
                assertNull(result.getProblem(), () -> "item " + result.getPosition() + ": "
                        + result.getProblem().getMessage());
                assertTrue(numbers.add(result.getAnswer().getVerificationNumber()), "own number");
            }
        }
        assertEquals(ResultCode.VALID, results.get(0).getAnswer().getResultCode());
        assertEquals(DataSource.REAL_TIME, results.get(0).getAnswer().getSource());
        assertEquals(ResultCode.VALID, results.get(1).getAnswer().getResultCode());
        assertEquals(DataSource.PRE_STORED, results.get(1).getAnswer().getSource());
        assertEquals(ResultCode.INSURER_NOT_FOUND, results.get(2).getAnswer().getResultCode());
        assertEquals("insurerNumber", results.get(3).getProblem().getField());
        assertEquals("INVALID_FIELD", results.get(3).getProblem().getCode());
        assertEquals("targetDate", results.get(4).getProblem().getField());
        assertEquals("MISSING_FIELD", results.get(5).getProblem().getCode());
        assertEquals("symbol", results.get(5).getProblem().getField());
        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, results.get(6).getAnswer().getResultCode());
        assertEquals(ResultCode.EXPIRED, results.get(7).getAnswer().getResultCode(), "normalised like a single query");
        assertEquals(items.size() - 3, numbers.size());
        assertEquals(before + numbers.size(), db.verificationCount(),
                "one audit record per valid item, none for problems");
        for (String number : numbers) {
            assertEquals(1, recordsWithNumber(number), number);
        }
        assertChainVerifies();
    }

    @Test
    void syncBatchOverTheLimitIsRefusedWithNothingRecorded() throws Exception {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i <= SYNC_MAX; i++) {
            items.add(item(null, "33120015", "大阪", "100", "2025-06-01"));
        }
        long before = db.verificationCount();
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, () -> clinic.verifyEligibilityBatch(items));
        assertEquals("BATCH_TOO_LARGE", fault.getFaultInfo().getCode());
        assertEquals("item", fault.getFaultInfo().getField());
        assertEquals(before, db.verificationCount());
    }

    @Test
    void asyncBatchOfTwoThousandCompletesWithResultsInOrder() throws Exception {
        int total = 2_000;
        IntFunction<BatchItem> make = i -> i % 250 == 7 ? item("r" + i, "1234567", "東京", "001", null)
                : i % 10 == 0 ? item("r" + i, "00000001", "東京", "001", "2005-07-08")
                : item("r" + i, "33120015", "大阪", i % 2 == 0 ? "100" : "200", "2025-06-01");
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            items.add(make.apply(i));
        }
        BatchReception reception = clinic.submitBatch(items);
        assertEquals(total, reception.getTotal());
        assertTrue(reception.getReceptionNumber().matches("\\d{20}"));

        BatchProgress progress = awaitDone(reception.getReceptionNumber(), 300);
        assertEquals(total, progress.getDone());
        assertNotNull(progress.getExpiresAt());

        List<BatchItemResult> results = allResults(reception.getReceptionNumber(), total);
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < total; i++) {
            BatchItemResult result = results.get(i);
            assertEquals(i, result.getPosition());
            assertEquals("r" + i, result.getReference());
            if (i % 250 == 7) {
                assertEquals("insurerNumber", result.getProblem().getField());
            } else {
                ResultCode expected = i % 10 == 0 || i % 2 == 0 ? ResultCode.VALID : ResultCode.EXPIRED;
                assertEquals(expected, result.getAnswer().getResultCode(), "item " + i);
                assertTrue(numbers.add(result.getAnswer().getVerificationNumber()));
            }
        }
        assertEquals(total - 8, numbers.size());
        assertEquals(numbers.size(), recordsOfBatch(reception.getReceptionNumber()), "one record per answered item");
        assertChainVerifies();
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThrows(NotFoundFault.class, () -> clinic.getBatchResult("99999999999999999999", 0, 10));
            assertEquals(List.of(), logs.warningsOrStackTracesMentioning("getBatchResult"),
                    "an expected fault is no warning and has no stack trace");
        }
    }

    @Test
    void asyncBatchCardDataRestsSealedInTheDatabaseYetIsAnswered() throws Exception {
        // A real birth date to send as an input too: the insured's of the pre-stored card, from a first answer.
        EligibilityAnswer first = clinic.verifyEligibilityBatch(
                List.of(item(null, "33120015", "大阪", "100", "2025-06-01"))).get(0).getAnswer();
        BatchItem withBirthDate = item("chart-0001", "33120015", "大阪", "100", "2025-06-01");
        withBirthDate.setBirthDate(first.getInsured().getBirthDate().toString());
        List<BatchItem> items = List.of(withBirthDate, item("chart-0002", "00000001", "東京", "001", "2005-07-08"));

        String number = clinic.submitBatch(items).getReceptionNumber();
        awaitDone(number, 120);
        List<BatchItemResult> results = allResults(number, items.size());

        Set<String> cardData = new HashSet<>(Set.of("chart-0001", "chart-0002", "東京", "大阪"));
        assertEquals(ResultCode.VALID, results.get(0).getAnswer().getResultCode(), "answered from the sealed data");
        for (BatchItemResult result : results) {
            EligibilityAnswer answer = result.getAnswer();
            if (answer.getResultCode() != ResultCode.VALID) {
                continue; // the real-time insurer may be unavailable on a loaded machine: then it has no card data
            }
            List<Person> people = new ArrayList<>(answer.getDependent());
            people.add(answer.getInsured());
            for (Person person : people) {
                cardData.add(person.getName());
                cardData.add(person.getBirthDate().toString());
                if (person.getNameKana() != null) {
                    cardData.add(person.getNameKana());
                }
            }
        }
        assertEquals("chart-0001", results.get(0).getReference());
        assertTrue(cardData.size() > 8, "names and birth dates to look for: " + cardData);
        String dump = db.dump("SELECT * FROM batch_job WHERE reception_number = ?", number)
                + db.dump("SELECT * FROM batch_item WHERE reception_number = ?", number);
        for (String value : cardData) {
            assertFalse(dump.contains(value), () -> "card data readable in the batch tables: " + value);
        }
        if (db.isH2()) {
            String script = String.join("\n", db.query("SCRIPT TABLE batch_job, batch_item"));
            assertTrue(script.contains(number), "the script holds the batch");
            for (String value : cardData) {
                assertFalse(script.contains(value), () -> "card data in the H2 script of the batch tables: " + value);
            }
        }
    }

    @Test
    void centerRestartedDuringABatchCompletesItWithEveryItemRecordedOnce() throws Exception {
        // From position 200 on, one item in ten goes to the real-time insurer behind a proxy that holds its requests
        // until the test opens it, after the restart: the job cannot finish before the center is stopped, however
        // fast the pre-stored items are recorded. The group in hand at the stop waits for the insurer's timeout
        // (short here): its held items are answered INSURER_UNAVAILABLE, still answers, recorded like any other.
        InsurerEntry real = new InsurerRegistry(stack.center.database()).find("00000001").orElseThrow();
        int total = 800;
        int firstHeld = 200;
        try (RecordingProxy holdingInsurer = new RecordingProxy(real.endpointAddress())) {
            useInsurer(real, holdingInsurer.address(), HELD_INSURER_TIMEOUT);
            awaitRealTimeAnswers();
            holdingInsurer.closeGate();
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                items.add(i >= firstHeld && i % 10 == 0 ? item(null, "00000001", "東京", "001", "2005-07-08")
                        : item(null, "33120015", "大阪", "100", "2025-06-01"));
            }
            String number = clinic.submitBatch(items).getReceptionNumber();
            long deadline = System.currentTimeMillis() + 120_000;
            while (holdingInsurer.held.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(holdingInsurer.held.get() > 0, "the worker reached the held items");
            int doneBeforeStop = doneItems(number);
            assertTrue(doneBeforeStop > 0 && doneBeforeStop < total, "stopped mid-way at " + doneBeforeStop);

            stack.restartCenter(SETTINGS);
            int doneAfterRestart = doneItems(number);
            assertTrue(doneAfterRestart < total, "the job was interrupted (" + doneAfterRestart + " done)");
            holdingInsurer.openGate();
            clinic = ClinicClient.connect(client);

            awaitDone(number, 300);
            List<BatchItemResult> results = allResults(number, total);
            Set<String> numbers = new HashSet<>();
            for (BatchItemResult result : results) {
                int position = result.getPosition();
                assertNotNull(result.getAnswer(), "item " + position);
                ResultCode code = result.getAnswer().getResultCode();
                // A real-time item is INSURER_UNAVAILABLE if it was held past the timeout (the group in hand at the
                // stop) or the insurer's circuit opened; what matters here is that each is answered and recorded once.
                boolean realTime = position >= firstHeld && position % 10 == 0;
                assertTrue(code == ResultCode.VALID || realTime && code == ResultCode.INSURER_UNAVAILABLE,
                        "item " + position + ": " + code);
                assertTrue(numbers.add(result.getAnswer().getVerificationNumber()), "no number twice");
            }
            assertEquals(total, numbers.size());
            assertEquals(total, recordsOfBatch(number), "every item recorded exactly once");
            assertChainVerifies();
        } finally {
            useInsurer(real, real.endpointAddress(), real.timeout());
        }
    }

    // The center of the moment (restartCenter replaces it) serves the insurer at this address from now on.
    private void useInsurer(InsurerEntry insurer, String address, Duration timeout) {
        new InsurerRegistry(stack.center.database()).register(new InsurerEntry(insurer.insurerNumber(), insurer.name(),
                insurer.address(), insurer.mode(), address, insurer.certificateAlias(), timeout));
        stack.center.insurerDirectory().forget(); // the test changed the table directly
    }

    // Another test may have left the insurer's circuit open (INSURER_UNAVAILABLE at once): wait until it answers.
    private void awaitRealTimeAnswers() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        List<BatchItem> one = List.of(item(null, "00000001", "東京", "001", "2005-07-08"));
        while (clinic.verifyEligibilityBatch(one).get(0).getAnswer().getResultCode() != ResultCode.VALID) {
            assertTrue(System.currentTimeMillis() < deadline, "the real-time insurer does not answer");
            Thread.sleep(200);
        }
    }

    @Test
    void insurerStoppedMidBatchMakesItsItemsUnavailableAndLosesNothing() throws Exception {
        int total = 300;
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            items.add(i % 3 == 0 ? item(null, "33120015", "大阪", "100", "2025-06-01")
                    : item(null, "00000001", "東京", "001", "2005-07-08"));
        }
        String number = clinic.submitBatch(items).getReceptionNumber();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (doneItems(number) < 30 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(doneItems(number) < total, "the insurer is stopped mid-batch");
            stack.stopInsurer();
            awaitDone(number, 300);
        } finally {
            stack.restartInsurer();
        }
        List<BatchItemResult> results = allResults(number, total);
        int unavailable = 0;
        for (BatchItemResult result : results) {
            ResultCode code = result.getAnswer().getResultCode();
            if (result.getPosition() % 3 == 0) {
                assertEquals(ResultCode.VALID, code, "pre-stored cards do not depend on the insurer");
            } else {
                assertTrue(code == ResultCode.VALID || code == ResultCode.INSURER_UNAVAILABLE, code.toString());
                unavailable += code == ResultCode.INSURER_UNAVAILABLE ? 1 : 0;
            }
        }
        assertTrue(unavailable > 0, "items after the stop are INSURER_UNAVAILABLE");
        assertEquals(total, recordsOfBatch(number), "nothing lost: every item recorded once");
        assertChainVerifies();
    }

    private BatchProgress awaitDone(String number, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        BatchProgress progress = clinic.getBatchResult(number, 0, 0);
        while (progress.getStatus() != BatchStatus.DONE && System.currentTimeMillis() < deadline) {
            assertTrue(progress.getDone() <= progress.getTotal());
            Thread.sleep(250);
            progress = clinic.getBatchResult(number, 0, 0);
        }
        assertEquals(BatchStatus.DONE, progress.getStatus(), "done " + progress.getDone() + "/" + progress.getTotal());
        return progress;
    }

    private List<BatchItemResult> allResults(String number, int total) throws Exception {
        List<BatchItemResult> results = new ArrayList<>();
        while (results.size() < total) {
            List<BatchItemResult> page = clinic.getBatchResult(number, results.size(), 1000).getResult();
            assertTrue(!page.isEmpty(), "page at " + results.size());
            results.addAll(page);
        }
        assertEquals(total, results.size());
        return results;
    }

    static BatchItem item(String reference, String insurer, String symbol, String number, String date) {
        BatchItem item = new BatchItem();
        item.setReference(reference);
        item.setInsurerNumber(insurer);
        item.setSymbol(symbol);
        item.setNumber(number);
        item.setTargetDate(date);
        return item;
    }

    private void assertChainVerifies() {
        AuditChainReport report = stack.verifyAuditChain();
        assertTrue(report.ok(), report.toString());
    }

    private long recordsWithNumber(String number) throws Exception {
        return db.count("SELECT COUNT(*) FROM verification_record WHERE verification_number = ?", number);
    }

    /** Audit records of the batch's items (joined by number), and no audit record of the batch lost its item. */
    private long recordsOfBatch(String reception) throws Exception {
        assertEquals(0, db.count("SELECT COUNT(*) FROM batch_item WHERE reception_number = ? AND status = 'DONE'"
                + " AND problem_code IS NULL AND verification_number IS NULL", reception));
        return db.count("SELECT COUNT(*) FROM verification_record v JOIN batch_item i"
                + " ON i.verification_number = v.verification_number WHERE i.reception_number = ?", reception);
    }

    private int doneItems(String reception) throws Exception {
        return (int) db.count("SELECT COUNT(*) FROM batch_item WHERE reception_number = ? AND status = 'DONE'",
                reception);
    }
}
