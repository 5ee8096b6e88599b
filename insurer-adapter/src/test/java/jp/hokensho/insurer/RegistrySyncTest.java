package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.card.ChangeSequence;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.sync.CardSync;
import jp.hokensho.insurer.sync.Reconciliation;
import jp.hokensho.insurer.sync.RegistryClient;
import jp.hokensho.insurer.sync.SyncCursor;
import jp.hokensho.insurer.sync.SyncReport;
import jp.hokensho.insurer.sync.SyncSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push sync and reconciliation of a pre-stored insurer against a double of the center's registry, over real
 * WS-Security on loopback (the insurer's key signs, the center's certificate encrypts, a UsernameToken).
 */
class RegistrySyncTest {
    static final String INSURER = "33120015";

    @TempDir
    static Path keys;
    static TestPki pki;
    static FakeCardRegistry registry;

    @TempDir
    Path dir;
    Properties properties;
    AdapterSettings settings;
    AdapterDatabase db;
    CsvCardLoader loader;

    @BeforeAll
    static void startRegistry() throws Exception {
        pki = new TestPki(keys);
        registry = FakeCardRegistry.start(pki);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.stop();
        }
    }

    @BeforeEach
    void openAdapterDatabase() {
        registry.reset();
        properties = new Properties();
        properties.setProperty(AdapterSettings.INSURER_NUMBERS, INSURER);
        properties.setProperty(AdapterSettings.MODE, "PRE_STORED");
        properties.setProperty(AdapterSettings.USERS_PASSWORD_ITERATIONS, "1000");
        properties.setProperty(AdapterSettings.DATA_DIR, dir.resolve("data").toString());
        properties.setProperty(AdapterSettings.KEYSTORE_PATH, pki.insurer.keystore().toString());
        properties.setProperty(AdapterSettings.KEYSTORE_PASSWORD, TestPki.PASSWORD);
        properties.setProperty(AdapterSettings.KEYSTORE_ALIAS, pki.insurer.alias());
        properties.setProperty(AdapterSettings.TRUSTSTORE_PATH, pki.insurerTruststore.toString());
        properties.setProperty(AdapterSettings.TRUSTSTORE_PASSWORD, TestPki.PASSWORD);
        properties.setProperty(AdapterSettings.REGISTRY_URL, registry.address());
        properties.setProperty(AdapterSettings.REGISTRY_USERNAME, FakeCardRegistry.USER);
        properties.setProperty(AdapterSettings.REGISTRY_PASSWORD, FakeCardRegistry.PASSWORD);
        properties.setProperty(AdapterSettings.SYNC_CHUNK_SIZE, "3");
        settings = AdapterSettings.of(properties);
        db = AdapterCommands.open(settings);
        loader = new CsvCardLoader(new CardRepository(db.dataSource()), db.dataSource(), settings.insurerNumbers(),
                settings.checkDigitRequired());
    }

    @AfterEach
    void closeAdapterDatabase() {
        db.close();
    }

    @Test
    void aFullLoadThenDeltasSendOnlyWhatChanged() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 107)), "cards.csv");

        SyncReport first = sync();
        assertTrue(first.ok(), first.toString());
        assertEquals(0, first.insurers().get(0).fromSeq(), "the first run is a full load");
        assertEquals(List.of(List.of("大阪/101", "大阪/102", "大阪/103"), List.of("大阪/104", "大阪/105", "大阪/106"),
                List.of("大阪/107")), registry.calls);
        assertEquals(7, registry.held.size());
        assertEquals(lastChange(), acked());
        assertTrue(new SyncCursor(db.dataSource()).lastSuccess(INSURER).isPresent());

        registry.calls.clear();
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 107)), "same.csv");
        assertTrue(sync().ok());
        assertEquals(List.of(), registry.calls, "an unchanged re-import sends nothing");

        String changed = TestCsv.households(INSURER, 101, 108).replace("山田102 花子", "山田102 春子");
        loader.load(new StringReader(changed), "changed.csv");
        SyncReport delta = sync();
        assertTrue(delta.ok(), delta.toString());
        assertEquals(List.of(List.of("大阪/102", "大阪/108")), registry.calls, "only the changed and the new card");
        assertEquals("山田102 春子", registry.card(INSURER, "大阪", "102").getDependent().get(0).getName());
        assertEquals(lastChange(), acked());
        assertReconciled();
    }

    @Test
    void anInterruptedSyncResumesAfterTheLastAcknowledgedChunkAndConverges() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 107)), "cards.csv");
        long firstChunkEnd = new ChangeFeed(db.dataSource()).after(INSURER, 0, 3).throughSeq();
        registry.failOnCall(2);

        SyncReport broken = sync();
        assertFalse(broken.ok());
        assertNotNull(broken.insurers().get(0).failure(), broken.toString());
        assertEquals(firstChunkEnd, acked(), "the cursor stays after the acknowledged chunk");
        assertEquals(3, registry.held.size());
        assertTrue(new SyncCursor(db.dataSource()).lastSuccess(INSURER).isEmpty());

        registry.calls.clear();
        SyncReport resumed = sync();
        assertTrue(resumed.ok(), resumed.toString());
        assertEquals(firstChunkEnd, resumed.insurers().get(0).fromSeq());
        assertEquals(List.of("大阪/104", "大阪/105", "大阪/106"), registry.calls.get(0), "resumes, no resend");
        assertEquals(7, registry.held.size());
        assertEquals(lastChange(), acked());
        assertReconciled();
    }

    @Test
    void endingEligibilityIsDeliveredAsAChange() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 104)), "cards.csv");
        assertTrue(sync().ok());
        CardData before = registry.card(INSURER, "大阪", "103");
        Path config = configFile();

        assertEquals(0, command("end", "--config", config.toString(), "--symbol", "大阪", "--number", "103",
                "--lost-on", "2025-10-01"));
        registry.calls.clear();
        assertTrue(sync().ok());
        assertEquals(List.of(List.of("大阪/103")), registry.calls);
        CardData ended = registry.card(INSURER, "大阪", "103");
        assertEquals(LocalDate.of(2025, 10, 1), ended.getQualificationLost());
        assertTrue(ended.getInsurerUpdatedAt().isAfter(before.getInsurerUpdatedAt()), "the insurer's change time");

        assertEquals(0, command("end", "--config", config.toString(), "--symbol", "大阪", "--number", "103",
                "--lost-on", "2025-10-01"));
        registry.calls.clear();
        assertTrue(sync().ok());
        assertEquals(List.of(), registry.calls, "ending again on the same day is no change");
        assertEquals(1, command("end", "--config", config.toString(), "--symbol", "大阪", "--number", "999",
                "--lost-on", "2025-10-01"));
        assertReconciled();
    }

    @Test
    void aCardTheCenterRefusesFailsTheRunAndTheCursorStaysBeforeIt() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 107)), "cards.csv");
        long fourth = new ChangeFeed(db.dataSource()).after(INSURER, 0, 4).throughSeq();
        registry.refuse("大阪", "105");

        SyncReport refused = sync();
        assertFalse(refused.ok());
        assertEquals(List.of("card 大阪/105 refused by the center: INVALID_CARD refused by the test"),
                refused.insurers().get(0).problems());
        assertEquals(fourth, acked(), "acknowledged up to the card before the refused one");
        assertEquals(6, registry.held.size(), "the rest was still delivered");

        registry.allowAll();
        registry.calls.clear();
        SyncReport fixed = sync();
        assertTrue(fixed.ok(), fixed.toString());
        assertEquals(List.of("大阪/105", "大阪/106", "大阪/107"), registry.calls.get(0));
        assertEquals(lastChange(), acked());
        assertReconciled();
    }

    @Test
    void aWrongRegistryPasswordIsRefusedAndNothingIsAcknowledged() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 102)), "cards.csv");
        properties.setProperty(AdapterSettings.REGISTRY_PASSWORD, "wrong");
        SyncReport refused = CardSync.connect(AdapterSettings.of(properties), db.dataSource()).run(java.util.Set.of(INSURER));
        assertFalse(refused.ok());
        assertEquals(0, acked());
        assertEquals(List.of(), registry.calls);
        assertTrue(sync().ok(), "the right password gets through");
    }

    @Test
    void answersSignedByAnotherKeyOfTheCentersCaAreNotAcknowledged() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 102)), "cards.csv");
        FakeCardRegistry impostor = FakeCardRegistry.start(pki, pki.impostor);
        try {
            properties.setProperty(AdapterSettings.REGISTRY_URL, impostor.address());
            // Even when the truststore also holds the signer's certificate, only the center's may answer.
            properties.setProperty(AdapterSettings.TRUSTSTORE_PATH, pki.crowdedInsurerTruststore.toString());
            SyncReport refused = CardSync.connect(AdapterSettings.of(properties), db.dataSource())
                    .run(java.util.Set.of(INSURER));
            assertFalse(refused.ok(), refused.toString());
            assertEquals(1, impostor.calls.size(), "the request went out; its answer was not trusted");
            assertEquals(0, acked());
        } finally {
            impostor.stop();
        }
        properties.setProperty(AdapterSettings.REGISTRY_URL, registry.address());
        SyncReport trusted = CardSync.connect(AdapterSettings.of(properties), db.dataSource())
                .run(java.util.Set.of(INSURER));
        assertTrue(trusted.ok(), "the center's own answer is trusted: " + trusted);
        assertEquals(lastChange(), acked());
    }

    @Test
    void afterTheCentersKeySwitchItsNextCertificateIsAcceptedOnceConfigured() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 102)), "cards.csv");
        FakeCardRegistry switched = FakeCardRegistry.start(pki, pki.centerAfterSwitch);
        try {
            properties.setProperty(AdapterSettings.REGISTRY_URL, switched.address());
            properties.setProperty(AdapterSettings.TRUSTSTORE_PATH, pki.rolloverInsurerTruststore.toString());
            SyncReport notConfigured = CardSync.connect(AdapterSettings.of(properties), db.dataSource())
                    .run(java.util.Set.of(INSURER));
            assertFalse(notConfigured.ok(), "in the truststore but not named as the center's: " + notConfigured);
            assertEquals(0, acked());

            properties.setProperty(AdapterSettings.CENTER_NEXT_CERTIFICATE_ALIAS, "center-next");
            SyncReport configured = CardSync.connect(AdapterSettings.of(properties), db.dataSource())
                    .run(java.util.Set.of(INSURER));
            assertTrue(configured.ok(), configured.toString());
            assertEquals(lastChange(), acked());
        } finally {
            switched.stop();
        }
    }

    @Test
    void reconcileListsCardsMissingAtTheCenterOnlyThereAndDifferent() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 107)), "cards.csv");
        assertTrue(sync().ok());
        Path config = configFile();
        assertEquals(0, command("reconcile", "--config", config.toString()), out);
        assertTrue(out.contains("insurer 33120015: 7 cards here, 7 at the center, 0 differences"), out);

        registry.held.remove(FakeCardRegistry.key(INSURER, "大阪", "101"));
        CardData copy = new ChangeFeed(db.dataSource()).after(INSURER, 0, 2).cards().get(1).card();
        copy.setNumber("999");
        registry.held.put(FakeCardRegistry.key(INSURER, "大阪", "999"), copy);
        CardData tampered = registry.card(INSURER, "大阪", "103");
        tampered.getInsured().setName("改竄 太郎");
        tampered.setInsurerUpdatedAt(tampered.getInsurerUpdatedAt().plusDays(1));

        assertEquals(1, command("reconcile", "--config", config.toString()), out);
        assertTrue(out.contains("MISSING_AT_CENTER 大阪/101 insurerUpdatedAt local=2024-04-01T09:00+09:00 center=-"), out);
        assertTrue(out.contains("ONLY_AT_CENTER 大阪/999 insurerUpdatedAt local=- center=2024-04-01T09:00+09:00"), out);
        assertTrue(out.contains("CONTENT_DIFFERS 大阪/103 insurerUpdatedAt local=2024-04-01T09:00+09:00 "
                + "center=2024-04-02T09:00+09:00"), out);
        assertTrue(out.contains("7 cards here, 7 at the center, 3 differences"), out);
    }

    @Test
    void thePreStoredServerSyncsPeriodicallyWithoutAQueryEndpoint() throws Exception {
        loader.load(new StringReader(TestCsv.households(INSURER, 101, 105)), "cards.csv");
        db.close();
        properties.setProperty(AdapterSettings.SYNC_INTERVAL_SECONDS, "1");
        try (InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.of(properties))) {
            assertFalse(adapter.serving());
            long deadline = System.currentTimeMillis() + 60_000;
            while (registry.held.size() < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(5, registry.held.size());
        } finally {
            db = AdapterCommands.open(settings);
        }
    }

    String out;
    String err;

    int command(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = TestOperators.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    Path configFile() throws Exception {
        Path file = dir.resolve("adapter.properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(w, null);
        }
        return file;
    }

    SyncReport sync() {
        return CardSync.connect(settings, db.dataSource()).run(settings.insurerNumbers());
    }

    long acked() throws Exception {
        return new SyncCursor(db.dataSource()).acked(INSURER);
    }

    long lastChange() throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            return ChangeSequence.current(c);
        }
    }

    /** Nothing lost, nothing extra: the center's digests equal the adapter's, card by card. */
    void assertReconciled() throws Exception {
        SyncSettings sync = SyncSettings.from(settings);
        var report = new Reconciliation(new ChangeFeed(db.dataSource()), RegistryClient.connect(settings, sync), 3)
                .compare(INSURER);
        assertTrue(report.consistent(), report.differences().stream().map(Object::toString)
                .collect(Collectors.joining("\n")));
    }
}
