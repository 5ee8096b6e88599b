package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.VerificationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash of the center under load loses nothing it answered: clinics verify pre-stored cards (signed and
 * encrypted) against a center running as its own process, which is killed with SIGKILL mid-load and started again
 * on the same database. Every verification number a clinic received must then be on record with the answer the
 * clinic got, no number may be issued a second time, and the audit chain must verify. Runs once per database.
 */
abstract class CrashDurabilityEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashDurabilityEndToEndTest.class);
    private static final int CLIENT_THREADS = 4;
    private static final long LOAD_MILLIS = 6_000;
    private static final long LOAD_LIMIT_MILLIS = 60_000;
    /** Answers per client nearest the crash, also read back through getVerification (the rest via the table). */
    private static final int READ_BACK_PER_CLIENT = 5;
    /** Enough for the issuer to pass any number handed out before the crash (blocks of 50) if it rewound. */
    private static final int MAX_VERIFICATIONS_AFTER_RESTART = 300;
    private static final LocalDate TARGET_DATE = LocalDate.of(2026, 1, 15);
    private static final List<String> CARD_NUMBERS = List.of("100", "200", "300", "400");
    /**
     * Small blocks of verification numbers, so that the crash comes soon after a block was reserved: a reservation
     * lost in the crash would hand out again numbers that clients already hold.
     */
    private static final Map<String, String> SETTINGS = Map.of("center.numbering.block-size", "4");

    @TempDir
    Path dir;
    private TestDatabase database;
    private CenterProcess center;

    /** The center's database, made in {@code dir}. */
    abstract TestDatabase database(Path dir);

    /** What a clinic was answered. */
    private record Received(String number, String cardNumber, String result) {
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (center != null) {
                center.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void everyAnsweredVerificationSurvivesAKillAndNoNumberIsIssuedTwice() throws Exception {
        database = database(dir.resolve("center-db"));
        DemoEnvironment demo = new DemoEnvironment(new DemoOptions(dir.resolve("demo"), CenterStack.freePort(),
                CenterStack.freePort(), database.settings(), CenterStack.TEST_PBKDF2_ITERATIONS,
                CenterStack.INSURER_TIMEOUT_MILLIS), Clock.systemUTC()).prepare();
        Properties client = ClinicClient.load(demo.clientProperties());
        String endpoint = client.getProperty("endpoint");

        center = CenterProcess.serve(demo.centerProperties(), SETTINGS, endpoint,
                dir.resolve("center-before-crash.log"));
        List<List<Received>> answered = loadUntilKilled(client);
        List<Received> received = answered.stream().flatMap(List::stream).toList();

        center = CenterProcess.serve(demo.centerProperties(), SETTINGS, endpoint,
                dir.resolve("center-after-restart.log"));
        EligibilityPortType clinic = ClinicClient.connect(client);
        List<String> readBackMissing = readBackNearestTheCrash(clinic, answered);
        List<String> afterRestart = verifyPastEveryReceivedNumber(clinic, received);
        center.stop();

        Map<String, Received> recorded;
        AuditChainReport chain;
        try (Database db = database.open()) {
            recorded = recordedVerifications(db);
            chain = new AuditChainVerifier(db, CenterApplication.checkpointSignature(
                    CenterSettings.load(demo.centerProperties(), Map.of()))).verify();
        }
        Set<String> receivedNumbers = new HashSet<>();
        List<String> receivedTwice = new ArrayList<>();
        received.forEach(r -> {
            if (!receivedNumbers.add(r.number())) {
                receivedTwice.add(r.number());
            }
        });
        List<String> lost = received.stream().map(Received::number).filter(n -> !recorded.containsKey(n)).toList();
        List<Received> differing = received.stream()
                .filter(r -> recorded.containsKey(r.number()) && !recorded.get(r.number()).equals(r)).toList();
        List<String> reissued = afterRestart.stream().filter(receivedNumbers::contains).toList();
        String summary = "lost " + lost.size() + " of " + received.size() + " answered verifications (" + lost
                + "); read back via getVerification: " + readBackMissing.size() + " unknown " + readBackMissing
                + "; on record with another answer: " + differing + "; received twice: " + receivedTwice
                + "; issued again after the restart: " + reissued.size() + " " + reissued + " (of "
                + afterRestart.size() + " new verifications); audit chain: " + chain;
        LOG.info("{}: {}", database, summary);

        assertTrue(received.size() >= CLIENT_THREADS, "the load got answers before the crash: " + summary);
        assertEquals(List.of(), lost, summary);
        assertEquals(List.of(), readBackMissing, summary);
        assertEquals(List.of(), differing, summary);
        assertEquals(List.of(), receivedTwice, summary);
        assertEquals(List.of(), reissued, summary);
        assertEquals(afterRestart.size(), new HashSet<>(afterRestart).size(), summary);
        assertTrue(chain.ok(), summary);
        assertEquals(recorded.size(), chain.checkedRecords(), summary);
    }

    /**
     * Clients verify until the center has answered for {@link #LOAD_MILLIS} (counted from the first answer: the
     * secured path is slow while the JVM warms up); then the center is killed under them right after its next
     * answer, when the latest commits are the youngest they can be.
     */
    private List<List<Received>> loadUntilKilled(Properties client) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        CountDownLatch nextAnswer = new CountDownLatch(1);
        AtomicBoolean killing = new AtomicBoolean();
        List<List<Received>> answered = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            List<Received> own = Collections.synchronizedList(new ArrayList<>());
            answered.add(own);
            EligibilityPortType clinic = ClinicClient.connect(client);
            int first = t;
            Thread thread = new Thread(() -> {
                for (int i = first; !killing.get(); i++) {
                    try {
                        own.add(verify(clinic, CARD_NUMBERS.get(i % CARD_NUMBERS.size())));
                        if (armed.get()) {
                            nextAnswer.countDown();
                        }
                    } catch (Exception e) {
                        if (!killing.get()) {
                            failures.add(e);
                        }
                        return;
                    }
                }
            }, "clinic-" + t);
            thread.start();
            clients.add(thread);
        }
        long started = System.currentTimeMillis();
        while (answered.stream().allMatch(List::isEmpty) && failures.isEmpty()
                && System.currentTimeMillis() - started < LOAD_LIMIT_MILLIS) {
            Thread.sleep(50);
        }
        Thread.sleep(LOAD_MILLIS);
        armed.set(true);
        nextAnswer.await(LOAD_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        killing.set(true);
        center.kill();
        for (Thread thread : clients) {
            thread.join(60_000);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a verification failed before the crash; the center's log ends:\n"
                    + center.logTail(), failures.get(0));
        }
        LOG.info("{} verifications answered by {} clients before the kill", answeredCount(answered), CLIENT_THREADS);
        return answered.stream().map(List::copyOf).toList();
    }

    private static int answeredCount(List<List<Received>> answered) {
        return answered.stream().mapToInt(List::size).sum();
    }

    /** The answers nearest the crash, the ones a write delay would lose, asked for through getVerification. */
    private static List<String> readBackNearestTheCrash(EligibilityPortType clinic, List<List<Received>> answered)
            throws Exception {
        List<String> unknown = new ArrayList<>();
        for (List<Received> own : answered) {
            for (Received sent : own.subList(Math.max(0, own.size() - READ_BACK_PER_CLIENT), own.size())) {
                try {
                    VerificationRecord record = clinic.getVerification(sent.number());
                    assertEquals(sent, new Received(record.getVerificationNumber(),
                            record.getQuery().getNumber(), record.getResultCode().name()),
                            "getVerification " + sent.number() + " names another answer than the clinic got");
                } catch (NotFoundFault e) {
                    unknown.add(sent.number());
                }
            }
        }
        return unknown;
    }

    /**
     * New verifications after the restart, until one is numbered past every number handed out before the crash:
     * a counter that went back would re-issue numbers on the way there.
     */
    private static List<String> verifyPastEveryReceivedNumber(EligibilityPortType clinic, List<Received> received)
            throws Exception {
        String highest = received.stream().map(Received::number).max(String::compareTo).orElseThrow();
        List<String> numbers = new ArrayList<>();
        while (numbers.size() < MAX_VERIFICATIONS_AFTER_RESTART) {
            String number = verify(clinic, CARD_NUMBERS.get(numbers.size() % CARD_NUMBERS.size())).number();
            numbers.add(number);
            if (number.compareTo(highest) > 0) {
                break;
            }
        }
        return numbers;
    }

    private static Received verify(EligibilityPortType clinic, String cardNumber) throws Exception {
        EligibilityAnswer answer = clinic.verifyEligibility(
                VerificationEndToEndTest.query(DemoCards.PRE_STORED_INSURER, "大阪", cardNumber, TARGET_DATE),
                null, null);
        return new Received(answer.getVerificationNumber(), answer.getQuery().getNumber(),
                answer.getResultCode().name());
    }

    private static Map<String, Received> recordedVerifications(Database db) throws Exception {
        Map<String, Received> recorded = new HashMap<>();
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT verification_number, card_number, result_code FROM verification_record")) {
            while (rows.next()) {
                Received previous = recorded.put(rows.getString(1),
                        new Received(rows.getString(1), rows.getString(2), rows.getString(3)));
                if (previous != null) {
                    throw new AssertionError("verification number " + previous.number() + " is recorded twice");
                }
            }
        }
        return recorded;
    }
}
