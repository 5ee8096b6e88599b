package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.hokensho.center.batch.broker.TestBroker;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous batches carried by the real RabbitMQ server (a queue of the test's own): the broker's messages, not
 * the database poll, complete a job with every item recorded exactly once, and messages delivered again for items
 * already done record nothing. The poll runs often but may only take jobs older than an hour, so a job that
 * completes here was carried by the broker.
 */
class BrokerBatchEndToEndTest extends CenterStackTestBase {
    private TestBroker broker;
    private EligibilityPortType clinic;

    @Override
    void checkPrerequisites() {
        broker = TestBroker.create();
    }

    @Override
    Map<String, String> centerOverrides() {
        Map<String, String> settings = new HashMap<>();
        try {
            settings.putAll(broker.centerSettings(dir.resolve("broker"), 1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put("center.batch.broker.items-per-message", "25");
        // One channel taking one message at a time: messages are handled in the order they were published.
        settings.put("center.batch.broker.consumers", "1");
        settings.put("center.batch.broker.prefetch", "1");
        settings.put("center.batch.broker.safety-poll-seconds", "1");
        settings.put("center.batch.broker.poll-after-seconds", "3600");
        return settings;
    }

    @BeforeAll
    void connectClinic() throws Exception {
        clinic = ClinicClient.connect(stack.client());
    }

    @AfterAll
    void deleteQueues() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBatchThroughTheBrokerCompletesWithEveryItemRecordedOnce() throws Exception {
        int total = 150;
        String number = clinic.submitBatch(preStoredItems(total)).getReceptionNumber();

        awaitDone(number, 120);
        List<BatchItemResult> results = allResults(number, total);
        Set<String> numbers = new HashSet<>();
        for (BatchItemResult result : results) {
            assertNotNull(result.getAnswer(), "item " + result.getPosition());
            assertEquals(ResultCode.VALID, result.getAnswer().getResultCode(), "item " + result.getPosition());
            assertTrue(numbers.add(result.getAnswer().getVerificationNumber()), "no number twice");
        }
        assertEquals(total, recordsOfBatch(number), "every item recorded exactly once");
        awaitNoWaitingMessages();
        assertTrue(stack.verifyAuditChain().ok());
    }

    @Test
    void messagesDeliveredAgainForItemsAlreadyDoneRecordNothing() throws Exception {
        int total = 60;
        String done = clinic.submitBatch(preStoredItems(total)).getReceptionNumber();
        awaitDone(done, 120);
        long recordsBefore = db.count("SELECT COUNT(*) FROM verification_record");

        // The job's messages again (as a redelivery after a lost acknowledgement would bring them), and one that
        // names nothing; then a new one-item job, whose message the single consumer takes only after them.
        broker.publish(done + " 0 25");
        broker.publish(done + " 25 50");
        broker.publish(done + " 50 60");
        broker.publish("not a range");
        String next = clinic.submitBatch(preStoredItems(1)).getReceptionNumber();
        awaitDone(next, 60);

        assertEquals(recordsBefore + 1, db.count("SELECT COUNT(*) FROM verification_record"),
                "only the new job's item is recorded");
        assertEquals(total, recordsOfBatch(done), "the redelivered job's items still recorded once each");
        awaitNoWaitingMessages();
    }

    private static List<BatchItem> preStoredItems(int total) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            items.add(BatchVerificationEndToEndTest.item("b" + i, "33120015", "大阪", "100", "2025-06-01"));
        }
        return items;
    }

    private void awaitDone(String number, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        BatchStatus status = clinic.getBatchResult(number, 0, 0).getStatus();
        while (status != BatchStatus.DONE && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            status = clinic.getBatchResult(number, 0, 0).getStatus();
        }
        assertEquals(BatchStatus.DONE, status, "batch " + number);
    }

    private List<BatchItemResult> allResults(String number, int total) throws Exception {
        List<BatchItemResult> results = new ArrayList<>();
        while (results.size() < total) {
            results.addAll(clinic.getBatchResult(number, results.size(), 1000).getResult());
        }
        return results;
    }

    /** Every message acknowledged: none left in the work queue or waiting in the retry queue. */
    private void awaitNoWaitingMessages() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (broker.waitingMessages() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, broker.waitingMessages(), "messages left on the broker");
    }

    private long recordsOfBatch(String reception) throws Exception {
        return db.count("SELECT COUNT(*) FROM verification_record v JOIN batch_item i"
                + " ON i.verification_number = v.verification_number WHERE i.reception_number = ?", reception);
    }
}
