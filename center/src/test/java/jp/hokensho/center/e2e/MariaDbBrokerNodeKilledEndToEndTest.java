package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.batch.broker.TestBroker;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A node killed (SIGKILL) in the middle of a batch carried by RabbitMQ: another node finishes the job from the
 * messages the broker hands it again, once the dead node's claims pass their lease; every item is recorded exactly
 * once, nothing is lost, and the one audit chain verifies. Two nodes on one MariaDB: node 0 in this JVM (takes no
 * work until it restarts), node 2 in a process of its own, the one killed. The poll may only take jobs older than
 * an hour: the takeover is the broker's.
 */
class MariaDbBrokerNodeKilledEndToEndTest extends CenterStackTestBase {
    private static final int TOTAL = 300;
    private static final int DONE_BEFORE_KILL = 40;

    private TestBroker broker;
    private CenterProcess nodeTwo;

    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }

    @Override
    void checkPrerequisites() {
        broker = TestBroker.create();
    }

    @Override
    Map<String, String> centerOverrides() {
        Map<String, String> settings = brokerSettings();
        settings.put("center.batch.worker-enabled", "false");
        return settings;
    }

    private Map<String, String> brokerSettings() {
        Map<String, String> settings = new HashMap<>();
        try {
            settings.putAll(broker.centerSettings(dir.resolve("broker"), 1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put("center.batch.broker.items-per-message", "20");
        settings.put("center.batch.broker.poll-after-seconds", "3600");
        settings.put("center.batch.claim-lease-seconds", "3");
        return settings;
    }

    @AfterAll
    void stopNodeTwo() throws Exception {
        try {
            if (nodeTwo != null) {
                nodeTwo.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    void anotherNodeFinishesTheJobOfAKilledNodeWithEveryItemRecordedOnce() throws Exception {
        Map<String, String> nodeTwoSettings = brokerSettings();
        int port = CenterStack.freePort();
        nodeTwoSettings.put("center.node-id", "2");
        nodeTwoSettings.put("center.http.port", String.valueOf(port));
        nodeTwoSettings.put("center.management.port", "-1");
        nodeTwo = CenterProcess.serve(stack.demo.centerProperties(), nodeTwoSettings,
                "http://127.0.0.1:" + port + "/services/eligibility", dir.resolve("node-two.log"));
        EligibilityPortType clinic = ClinicClient.connect(stack.client());
        long recordsBefore = db.count("SELECT COUNT(*) FROM verification_record");

        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            items.add(BatchVerificationEndToEndTest.item("k" + i, "33120015", "大阪", "100", "2025-06-01"));
        }
        String number = clinic.submitBatch(items).getReceptionNumber();
        long deadline = System.currentTimeMillis() + 120_000;
        while (doneItems(number) < DONE_BEFORE_KILL && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        nodeTwo.kill();
        int doneAtKill = doneItems(number);
        assertTrue(doneAtKill >= DONE_BEFORE_KILL && doneAtKill < TOTAL, "killed mid-job at " + doneAtKill + "\n"
                + nodeTwo.logTail());

        stack.restartCenter(brokerSettings()); // node 0, now taking work
        clinic = ClinicClient.connect(stack.client());
        deadline = System.currentTimeMillis() + 120_000;
        BatchStatus status = clinic.getBatchResult(number, 0, 0).getStatus();
        while (status != BatchStatus.DONE && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = clinic.getBatchResult(number, 0, 0).getStatus();
        }
        assertEquals(BatchStatus.DONE, status, "done " + doneItems(number) + " of " + TOTAL);

        assertEquals(TOTAL, db.count("SELECT COUNT(DISTINCT verification_number) FROM batch_item"
                + " WHERE reception_number = ? AND status = 'DONE'", number), "every item answered with its own number");
        assertEquals(TOTAL, db.count("SELECT COUNT(*) FROM verification_record v JOIN batch_item i"
                + " ON i.verification_number = v.verification_number WHERE i.reception_number = ?", number),
                "every item's record is there");
        assertEquals(recordsBefore + TOTAL, db.count("SELECT COUNT(*) FROM verification_record"),
                "no item recorded twice, by the killed node or the other");
        long byNodeTwo = db.count("SELECT COUNT(*) FROM batch_item WHERE reception_number = ?"
                + " AND verification_number LIKE '002%'", number);
        assertTrue(byNodeTwo >= doneAtKill && byNodeTwo < TOTAL, "node 2 did " + byNodeTwo + ", node 0 the rest");
        assertTrue(stack.verifyAuditChain().ok(), "the shared audit chain verifies");
        long messagesDeadline = System.currentTimeMillis() + 10_000;
        while (broker.waitingMessages() > 0 && System.currentTimeMillis() < messagesDeadline) {
            Thread.sleep(100);
        }
        assertEquals(0, broker.waitingMessages(), "every message acknowledged");
    }

    private int doneItems(String reception) throws Exception {
        return (int) db.count("SELECT COUNT(*) FROM batch_item WHERE reception_number = ? AND status = 'DONE'",
                reception);
    }
}
