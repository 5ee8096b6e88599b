package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.backup.BackupRefusedException;
import jp.hokensho.center.backup.CenterRestore;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.VerificationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back up a running center under load with {@code center backup}, wipe the installation (database, config file, key
 * files), show that a wrong passphrase or a truncated file is refused with nothing changed, restore with
 * {@code center restore}, and compare: the same organisations, people and keys, every verification number answered
 * before the backup traces, the audit chain verifies with its checkpoints, a revoked key stays revoked, and no
 * verification number issued before the restore, including those issued after the backup, is issued again. These
 * are the steps of the DB recovery procedure in docs/operations.md. Runs once per database.
 */
abstract class BackupRestoreEndToEndTest {
    private static final LocalDate TARGET_DATE = LocalDate.of(2026, 1, 15);
    private static final String PASSPHRASE = "correct horse battery staple";
    /** Small blocks, so that numbers after the backup run through several blocks the restored counters do not know. */
    private static final Map<String, String> SETTINGS = Map.of("center.numbering.block-size", "4",
            "center.audit.checkpoint.every-records", "5");

    @TempDir
    Path dir;
    private TestDatabase database;
    private CenterStack stack;

    abstract TestDatabase database(Path dir);

    /** Loses the database as a failed disk or server would: afterwards it is absent (H2) or empty (MariaDB). */
    abstract void wipe(TestDatabase database) throws Exception;

    /** Why the database is not in its wiped state, or null. */
    abstract String notWiped(TestDatabase database) throws Exception;

    @AfterEach
    void stopEverything() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void backupUnderLoadRestoresIntoAnEmptyInstallationAndNoNumberComesBack() throws Exception {
        database = database(dir.resolve("center-db"));
        Path passphraseFile = dir.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        Path scheduledDir = dir.resolve("scheduled");
        Map<String, String> scheduled = new java.util.HashMap<>(SETTINGS);
        // The daily backup, due at once (none yet today), offered every second: it runs once, then not again today.
        scheduled.putAll(Map.of("center.backup.schedule-enabled", "true", "center.jobs.tick-seconds", "1",
                "center.backup.time", "00:00", "center.backup.dir", scheduledDir.toString(),
                "center.backup.passphrase-file", passphraseFile.toString()));
        stack = CenterStack.start(dir.resolve("demo"), database.settings(), scheduled);
        Path config = stack.demo.centerProperties();
        Properties client = stack.client();
        EligibilityPortType clinic = ClinicClient.connect(client);
        assertScheduledBackupRunsOnceAndShowsOnHealth(scheduledDir);
        List<String> beforeBackup = verify(clinic, 6);
        EligibilityPortType revokedKey = revokedSpareKey(client);
        Path backup = dir.resolve("backups/center-backup-test.cbk");
        Load load = Load.start(client, 3);
        int backupExit;
        try {
            Thread.sleep(500);
            backupExit = center("backup", "--config", config.toString(), "--operator",
                    "test-operator", "--out", backup.toString(), "--passphrase-file", passphraseFile.toString());
            Thread.sleep(500);
        } finally {
            load.stop();
        }
        assertEquals(0, backupExit, "center backup");
        assertTrue(Files.size(backup) > 10_000, "backup written");
        assertTrue(load.numbers.size() >= 3, "the backup was taken under load: " + load.numbers.size());
        List<String> afterBackup = verify(clinic, 12);
        assertEquals(List.of("cli:backup center-backup-test.cbk|OK"), CenterDatabaseQueries.of(stack).query(
                "SELECT CONCAT(operation, '|', outcome) FROM access_log WHERE user_id = 'test-operator'"),
                "the backup is in the access log");

        stack.close();
        stack = null;
        BackupRefusedException intoLive = assertThrows(BackupRefusedException.class, () -> new CenterRestore(
                Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .restore(backup, PASSPHRASE.toCharArray(), config, "test-operator"));
        assertTrue(intoLive.getMessage().startsWith("not restoring: "), "never over a database in use: "
                + intoLive.getMessage());
        Snapshot original;
        try (Database db = database.open()) {
            original = Snapshot.of(db.dataSource());
        }
        CenterSettings settings = CenterSettings.load(config, Map.of());
        List<Path> keyFiles = List.of(settings.getPath("center.keystore.path"), settings.getPath("center.truststore.path"),
                settings.getPath("center.ca.keystore.path"), settings.getPath("center.data-key.keystore.path"));
        wipe(database);
        for (Path file : keyFiles) {
            Files.delete(file);
        }
        Files.delete(config);

        assertRefusedWithNothingChanged(backup, "wrong passphrase here", config, keyFiles, "wrong passphrase");
        Path truncated = dir.resolve("truncated.cbk");
        byte[] whole = Files.readAllBytes(backup);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 100));
        assertRefusedWithNothingChanged(truncated, PASSPHRASE, config, keyFiles, "truncated");
        assertEquals(2, center("restore", "--config", config.toString(), "--in",
                truncated.toString(), "--passphrase-file", passphraseFile.toString()), "the command refuses it too");

        assertEquals(0, center("restore", "--config", config.toString(), "--operator",
                "test-operator", "--in", backup.toString(), "--passphrase-file", passphraseFile.toString()),
                "center restore (0: the audit chain verifies, checkpoints included)");
        Snapshot restored;
        try (Database db = database.open()) {
            restored = Snapshot.of(db.dataSource());
        }
        assertEquals(original.people, restored.people, "organisations, people and keys as backed up");
        assertTrue(original.numbers.containsAll(restored.numbers), "nothing restored that was not there");
        assertTrue(restored.numbers.containsAll(beforeBackup), "every number answered before the backup is back");
        assertTrue(restored.checkpoints > 0, "checkpoints restored");
        for (Path file : keyFiles) {
            assertTrue(Files.exists(file), file + " restored");
        }

        stack = CenterStack.start(dir.resolve("demo"), database.settings(), SETTINGS);
        for (String number : beforeBackup) {
            VerificationRecord record = clinic.getVerification(number);
            assertEquals(number, record.getVerificationNumber(), "traces after the restore");
        }
        assertThrows(SOAPFaultException.class, () -> verify(revokedKey, 1), "a revoked key stays revoked");
        List<String> afterRestore = verify(clinic, 20);
        Set<String> issuedBefore = new HashSet<>(original.numbers);
        issuedBefore.addAll(afterBackup);
        issuedBefore.addAll(load.numbers);
        List<String> again = afterRestore.stream().filter(issuedBefore::contains).toList();
        assertEquals(List.of(), again, "numbers issued again after the restore (after-backup numbers: " + afterBackup
                + ")");
        assertTrue(stack.verifyAuditChain().ok(), "the chain still verifies with the new records");
        assertEquals(List.of("OK"), CenterDatabaseQueries.of(stack).query("SELECT outcome FROM access_log WHERE"
                + " user_id = 'test-operator' AND operation LIKE 'cli:restore backup of %'"), "the restore is in the access log");
    }

    private void assertScheduledBackupRunsOnceAndShowsOnHealth(Path scheduledDir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String health = "";
        while (System.nanoTime() < deadline && !health.contains("\"overdue\":false")) {
            Thread.sleep(200);
            health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + stack.center.managementPort() + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
        assertTrue(health.matches(".*\"backup\":\\{\"lastSuccess\":\"20[^\"]+\",\"overdue\":false}.*"), health);
        assertTrue(health.contains("\"status\":\"UP\""), health);
        Thread.sleep(2_500); // two more ticks: done for today, so no second backup
        try (var files = Files.list(scheduledDir)) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("center-backup-\\d{8}T\\d{6}Z\\.cbk"), names.toString());
        }
    }

    private void assertRefusedWithNothingChanged(Path file, String passphrase, Path config, List<Path> keyFiles,
                                                 String expected) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        BackupRefusedException refused = assertThrows(BackupRefusedException.class, () -> new CenterRestore(
                Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .restore(file, passphrase.toCharArray(), config, "test-operator"));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
        assertNull(notWiped(database), "the database is untouched");
        assertFalse(Files.exists(config), "no config written");
        for (Path key : keyFiles) {
            assertFalse(Files.exists(key), key + " not written");
        }
        try (var left = Files.list(config.getParent())) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".center-backup-")).toList(),
                    "no plain copy left behind");
        }
    }

    private static List<String> verify(EligibilityPortType clinic, int times) throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            numbers.add(clinic.verifyEligibility(VerificationEndToEndTest.query(DemoCards.PRE_STORED_INSURER, "大阪",
                    "100", TARGET_DATE), null, null).getVerificationNumber());
        }
        return numbers;
    }

    /** A key issued by the center's CA for the clinic, registered, then revoked: refused from then on. */
    private EligibilityPortType revokedSpareKey(Properties client) throws Exception {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        IssuedKey spare = ca.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), Duration.ofDays(30));
        CertificateStore certificates = new CertificateStore(stack.center.database());
        certificates.register(spare.serial(), DemoSeed.CLINIC, spare.certificate().getSubjectX500Principal().getName(),
                spare.certificate().getNotBefore().toInstant(), spare.certificate().getNotAfter().toInstant());
        Path keystore = dir.resolve("spare.p12");
        KeyStoreFiles.writeKey(keystore, client.getProperty("keyAlias"), spare,
                client.getProperty("keystorePassword").toCharArray());
        Properties other = new Properties();
        other.putAll(client);
        other.setProperty("keystore", keystore.toString());
        EligibilityPortType port = ClinicClient.connect(other);
        verify(port, 1);
        certificates.revoke(spare.serial(), Instant.now());
        assertThrows(SOAPFaultException.class, () -> verify(port, 1), "refused once revoked");
        return port;
    }

    /** Clinics verifying without pause, each on its own client. */
    private static final class Load {
        final List<String> numbers = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        static Load start(Properties client, int clients) throws Exception {
            Load load = new Load();
            for (int i = 0; i < clients; i++) {
                EligibilityPortType port = ClinicClient.connect(client);
                Thread thread = new Thread(() -> {
                    while (load.running.get()) {
                        try {
                            load.numbers.addAll(verify(port, 1));
                        } catch (Exception | Error e) {
                            load.failures.add(e);
                            return;
                        }
                    }
                }, "load-" + i);
                thread.start();
                load.threads.add(thread);
            }
            return load;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            assertEquals(List.of(), failures, "verifications during the backup");
        }
    }

    /** What must survive: people and keys (as text rows), every verification number, checkpoints. */
    private record Snapshot(List<String> people, Set<String> numbers, long checkpoints) {
        static Snapshot of(DataSource dataSource) throws Exception {
            List<String> people = new ArrayList<>();
            people.addAll(rows(dataSource, "SELECT CONCAT(code, '|', name, '|', kind) FROM organisation ORDER BY code"));
            people.addAll(rows(dataSource, "SELECT CONCAT(user_id, '|', organisation_id, '|', role, '|',"
                    + " password_hash) FROM user_account ORDER BY user_id"));
            people.addAll(rows(dataSource, "SELECT CONCAT(serial_number, '|', organisation_id, '|',"
                    + " COALESCE(CAST(revoked_at AS CHAR), 'active')) FROM org_certificate ORDER BY serial_number"));
            return new Snapshot(people, new HashSet<>(rows(dataSource, "SELECT verification_number FROM verification_record")),
                    rows(dataSource, "SELECT COUNT(*) FROM audit_checkpoint").stream().mapToLong(Long::parseLong).sum());
        }
    }

    static List<String> rows(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return rows(connection, sql);
        }
    }

    static List<String> rows(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The center's command line as an operator runs it, output to the test's log. */
    private static int center(String... args) {
        return jp.hokensho.center.cli.CenterCommand.execute(args, System.out, System.err, Clock.systemUTC());
    }
}
