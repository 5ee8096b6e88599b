package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An asynchronous batch runs only while its submitter could still make the request: the key that signed it is
 * revoked, or the person locked or disabled, and the job stops (STOPPED_CREDENTIALS_INVALID) with what was done so far. The
 * worker is paused (a center without it) while the credentials change, so the change lands between items for sure.
 */
class BatchSubmitterRecheckEndToEndTest extends CenterStackTestBase {
    private static final Map<String, String> PAUSED = Map.of("center.batch.worker-enabled", "false",
            "center.batch.poll-millis", "100", "center.batch.claim-chunk", "5", "center.batch.worker-threads", "1");

    private Properties client;

    @Override
    Map<String, String> centerOverrides() {
        return PAUSED;
    }

    @BeforeAll
    void loadClient() throws Exception {
        client = stack.client();
    }

    @Test
    void keyRevokedMidwayStopsTheJobWithTheResultsDoneSoFarAndVerifiesNothingMore() throws Exception {
        IssuedKey spare = registeredSpareKey();
        EligibilityPortType withSpare = connectWith(spare);
        int total = 400;
        String number = withSpare.submitBatch(preStoredItems(total)).getReceptionNumber();

        runWorker();
        awaitDoneItems(number, 10);
        pauseWorker();
        int doneBeforeRevocation = doneItems(number);
        assertTrue(doneBeforeRevocation >= 10 && doneBeforeRevocation < total, "paused mid-way at "
                + doneBeforeRevocation);
        assertEquals(doneBeforeRevocation, recordsOfBatch(number));

        new CertificateStore(stack.center.database()).revoke(spare.serial(), Instant.now());
        long recordsBefore = db.verificationCount();
        runWorker();
        awaitStatus(number, "STOPPED_CREDENTIALS_INVALID");
        pauseWorker();

        assertEquals(recordsBefore, db.verificationCount(), "nothing verified after the revocation");
        assertEquals(doneBeforeRevocation, recordsOfBatch(number));
        // The organisation's other key still reads the job: its status and the results done before the stop.
        BatchProgress progress = ClinicClient.connect(client).getBatchResult(number, 0, 1000);
        assertEquals(BatchStatus.STOPPED_CREDENTIALS_INVALID, progress.getStatus());
        assertEquals(doneBeforeRevocation, progress.getDone());
        assertEquals(total, progress.getTotal());
        assertNotNull(progress.getExpiresAt(), "kept, then purged, like a finished job");
        List<BatchItemResult> results = progress.getResult();
        assertEquals(doneBeforeRevocation, results.stream().filter(result -> result.getAnswer() != null).count());
        for (BatchItemResult result : results.subList(doneBeforeRevocation, results.size())) {
            assertNull(result.getAnswer(), "item " + result.getPosition() + " not run");
            assertNull(result.getProblem(), "item " + result.getPosition() + " not run");
        }
        assertEquals(List.of("REVOKED_KEY"), refusalsOfBatch(number), "the stop is in the unauthorised-access log, once");
    }

    @Test
    void lockedSubmitterStopsTheJobBeforeAnyItemAndOnceUnlockedTheirNextJobCompletes() throws Exception {
        EligibilityPortType clinic = ClinicClient.connect(client);
        String number = clinic.submitBatch(preStoredItems(30)).getReceptionNumber();
        new UserAccountStore(stack.center.database()).recordFailure(DemoSeed.CLINIC_MANAGER, 1,
                Duration.ofMinutes(15), Duration.ofMinutes(15));
        long recordsBefore = db.verificationCount();

        runWorker();
        awaitStatus(number, "STOPPED_CREDENTIALS_INVALID");
        assertEquals(recordsBefore, db.verificationCount(), "no item verified for a locked person");
        assertEquals(0, recordsOfBatch(number));
        assertEquals(List.of("LOCKED"), refusalsOfBatch(number));

        new UserAccountStore(stack.center.database()).unlock(DemoSeed.CLINIC_MANAGER);
        clinic = ClinicClient.connect(client);
        assertEquals(BatchStatus.STOPPED_CREDENTIALS_INVALID, clinic.getBatchResult(number, 0, 0).getStatus());
        String next = clinic.submitBatch(preStoredItems(30)).getReceptionNumber();
        awaitStatus(next, "DONE");
        assertEquals(30, recordsOfBatch(next), "the normal case: every item verified as the submitter");
        assertEquals(30L, db.count("SELECT COUNT(*) FROM verification_record v JOIN batch_item i ON"
                + " i.verification_number = v.verification_number WHERE i.reception_number = ?"
                + " AND v.requester_user_id = ?", next, DemoSeed.CLINIC_MANAGER));
        pauseWorker();
    }

    @Test
    void submitterDisabledByTheAccessReviewStopsTheJobBeforeAnyItem() throws Exception {
        EligibilityPortType clinic = ClinicClient.connect(client);
        String number = clinic.submitBatch(preStoredItems(30)).getReceptionNumber();
        try (var connection = stack.center.database().dataSource().getConnection();
             var disable = connection.prepareStatement("UPDATE user_account SET disabled_at = CURRENT_TIMESTAMP,"
                     + " disabled_reason = 'DORMANT: test' WHERE user_id = ?")) {
            disable.setString(1, DemoSeed.CLINIC_MANAGER);
            assertEquals(1, disable.executeUpdate());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        long recordsBefore = db.verificationCount();
        try {
            runWorker();
            awaitStatus(number, "STOPPED_CREDENTIALS_INVALID");
            pauseWorker();
            assertEquals(recordsBefore, db.verificationCount(), "no item verified for a disabled person");
            assertEquals(List.of("ACCOUNT_DISABLED"), refusalsOfBatch(number));
        } finally {
            assertTrue(new UserAccountStore(stack.center.database()).enable(DemoSeed.CLINIC_MANAGER));
        }
    }

    private IssuedKey registeredSpareKey() {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        IssuedKey spare = ca.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), Duration.ofDays(30));
        new CertificateStore(stack.center.database()).register(spare.serial(), DemoSeed.CLINIC,
                spare.certificate().getSubjectX500Principal().getName(),
                spare.certificate().getNotBefore().toInstant(), spare.certificate().getNotAfter().toInstant());
        return spare;
    }

    private EligibilityPortType connectWith(IssuedKey key) throws Exception {
        Path keystore = dir.resolve("spare-" + key.serial() + ".p12");
        KeyStoreFiles.writeKey(keystore, client.getProperty("keyAlias"), key,
                client.getProperty("keystorePassword").toCharArray());
        Properties other = new Properties();
        other.putAll(client);
        other.setProperty("keystore", keystore.toString());
        return ClinicClient.connect(other);
    }

    /** A center with the worker; a restart stands in for a node that resumes work. */
    private void runWorker() throws Exception {
        Map<String, String> running = new HashMap<>(PAUSED);
        running.put("center.batch.worker-enabled", "true");
        stack.restartCenter(running);
    }

    /** Stops the center (in-flight items finish, claims are given back) and starts it without the worker. */
    private void pauseWorker() throws Exception {
        stack.restartCenter(PAUSED);
    }

    private void awaitDoneItems(String number, int atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (doneItems(number) < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    private void awaitStatus(String number, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!status.equals(jobStatus(number)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(status, jobStatus(number), "done " + doneItems(number));
    }

    private String jobStatus(String number) throws Exception {
        return db.query("SELECT status FROM batch_job WHERE reception_number = ?", number).get(0);
    }

    private int doneItems(String number) throws Exception {
        return (int) db.count("SELECT COUNT(*) FROM batch_item WHERE reception_number = ? AND status = 'DONE'",
                number);
    }

    private List<String> refusalsOfBatch(String number) throws Exception {
        return db.query("SELECT reason_code FROM refusal_log WHERE user_id = ? AND operation = 'submitBatch'"
                + " AND detail LIKE ?", DemoSeed.CLINIC_MANAGER, "%batch " + number + " stopped%");
    }

    private long recordsOfBatch(String number) throws Exception {
        return db.count("SELECT COUNT(*) FROM verification_record v JOIN batch_item i"
                + " ON i.verification_number = v.verification_number WHERE i.reception_number = ?", number);
    }

    private static List<BatchItem> preStoredItems(int count) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(BatchVerificationEndToEndTest.item("r" + i, "33120015", "大阪", "100", "2025-06-01"));
        }
        return items;
    }
}
