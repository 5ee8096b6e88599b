package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterMain;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.CenterInit;
import jp.hokensho.center.admin.Pem;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new operator installs a center from nothing with the CLI only: {@code init} on an empty database, a clinic
 * and a real-time insurer registered with {@code org add}, their keys issued with {@code key issue}, the
 * clinic's person added with {@code user add}; then a center and an insurer adapter started from these settings
 * only, and the clinic verifies a card. A second {@code init} is refused and changes nothing.
 */
class InstallFromNothingEndToEndTest {
    private static final String CLINIC = "1311234567";
    private static final String INSURER = "00000001";
    private static final String SERVICE_PASSWORD = "Service-Account-Passw0rd-2026";
    private static final String NEW_PASSWORD = "Ueno-Clinic-2026!";
    private static final Pattern ONE_TIME = Pattern.compile("(?:one-time|initial) password[^:]*: (\\S+)");
    private static final Pattern FILE = Pattern.compile("file: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void mariaDbFromEmptyToAVerifiedCard() throws Exception {
        try (TestDatabase database = TestDatabases.mariaDb()) {
            installAndVerify(database.settings());
        }
    }

    @Test
    void h2FromEmptyToAVerifiedCard() throws Exception {
        installAndVerify(null);
    }

    @Test
    void secondInitIsRefusedNamingWhatExistsAndChangesNothing() throws Exception {
        Path config = writeConfig(null, CenterStack.freePort(), CenterStack.freePort());
        Files.writeString(config, "center.tls.keystore.path=" + dir.resolve("keys").resolve("tls.p12").toString()
                .replace("\\", "/") + "\ncenter.tls.keystore.password=tls-pw-from-the-operator\n",
                StandardOpenOption.APPEND);
        assertEquals(0, run("init", "--config", config.toString(), "--admin", "sysadmin").status());
        KeyStore tls = KeyStoreFiles.read(dir.resolve("keys").resolve("tls.p12"), "tls-pw-from-the-operator".toCharArray());
        X509Certificate server = (X509Certificate) tls.getCertificate(tls.aliases().nextElement());
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(name -> "127.0.0.1".equals(name.get(1))),
                "the TLS key names center.http.host");
        Map<Path, byte[]> before = files();
        List<String> usersBefore = query(config, "SELECT CONCAT(user_id, ':', password_hash) FROM user_account");

        Result second = run("init", "--config", config.toString(), "--admin", "other-admin");

        assertEquals(1, second.status());
        assertTrue(second.output().contains("nothing changed") && second.output().contains("center.p12"),
                second.output());
        assertEquals(before.keySet(), files().keySet(), "no file added or removed");
        before.forEach((file, content) -> assertTrue(java.util.Arrays.equals(content, read(file)), file + " kept"));
        assertEquals(usersBefore, query(config, "SELECT CONCAT(user_id, ':', password_hash) FROM user_account"));
    }

    @Test
    void initRefusesWhenOnlyTheDatabaseWasInitialisedAndWhenAPasswordIsMissing() throws Exception {
        Path config = writeConfig(null, CenterStack.freePort(), CenterStack.freePort());
        assertEquals(0, run("init", "--config", config.toString()).status());
        // The key files gone (e.g. a new machine), the database still initialised: nothing is written.
        try (var files = Files.list(dir.resolve("keys"))) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("ca.p12")) {
                    Files.delete(file);
                }
            }
        }
        Map<Path, byte[]> before = files();

        Result again = run("init", "--config", config.toString());

        assertEquals(1, again.status());
        assertTrue(again.output().contains("organisation CENTER"), again.output());
        assertEquals(before.keySet(), files().keySet(), "no key written");

        Path noPassword = dir.resolve("no-password.properties");
        Files.writeString(noPassword, Files.readString(config).replaceAll("(?m)^center\\.truststore\\.password=.*$", ""));
        Result missing = run("init", "--config", noPassword.toString());
        assertEquals(1, missing.status());
        assertTrue(missing.output().contains("center.truststore.password"), missing.output());
    }

    private void installAndVerify(DatabaseSettings database) throws Exception {
        int centerPort = CenterStack.freePort();
        int adapterPort = CenterStack.freePort();
        Path config = writeConfig(database, centerPort, adapterPort);
        String cfg = config.toString();

        Result init = run("init", "--config", cfg, "--operator", "installer", "--admin", "sysadmin");
        assertEquals(0, init.status(), init.output());
        assertTrue(init.output().contains("added sysadmin (CENTER:SYSTEM_ADMINISTRATOR)"), init.output());
        oneTimePassword(init);
        // The operator moves the generated card HMAC key into the configuration, as init says.
        String hmacLine = Files.readString(dir.resolve("keys").resolve(CenterInit.CARD_HMAC_KEY_FILE));
        Files.writeString(config, hmacLine, StandardOpenOption.APPEND);

        assertEquals(0, run("org", "add", "--config", cfg, "--operator", "installer", "--code", CLINIC, "--name",
                "上野の森クリニック", "--kind", "MEDICAL_INSTITUTION", "--address", "東京都台東区上野公園1-1").status());
        String endpoint = "http://127.0.0.1:" + adapterPort + "/services/insurer-query";
        assertEquals(0, run("org", "add", "--config", cfg, "--operator", "installer", "--code", INSURER, "--name",
                "〇〇〇健康保険組合", "--kind", "INSURER", "--delivery", "real-time", "--endpoint", endpoint,
                "--timeout-ms", "3000").status());
        Path handover = dir.resolve("handover");
        Result insurerKey = run("key", "issue", "--config", cfg, "--operator", "installer", "--org", INSURER,
                "--out", handover.toString());
        Path insurerKeystore = Path.of(match(FILE, insurerKey));
        String insurerKeyPassword = oneTimePassword(insurerKey);
        // The insurer hands back its certificate (not its key): the center trusts its answers by it.
        Path insurerCertificate = dir.resolve("insurer.crt.pem");
        Pem.write(insurerCertificate, (X509Certificate) KeyStoreFiles.read(insurerKeystore,
                insurerKeyPassword.toCharArray()).getCertificate("org-" + INSURER));
        assertEquals(0, run("org", "change", "--config", cfg, "--operator", "installer", "--code", INSURER,
                "--certificate", insurerCertificate.toString()).status());

        Result clinicKey = run("key", "issue", "--config", cfg, "--operator", "installer", "--org", CLINIC,
                "--out", handover.toString());
        Result clinicUser = run("user", "add", "--config", cfg, "--operator", "installer", "--user", "clinic-staff",
                "--org", CLINIC, "--role", "MEDICAL_INSTITUTION:STAFF");
        Result list = run("org", "list", "--config", cfg, "--operator", "installer");
        assertTrue(list.output().contains(CLINIC) && list.output().contains("REAL_TIME " + endpoint),
                list.output());

        Path clientTruststore = clientTruststore();
        InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.load(adapterConfig(adapterPort, insurerKeystore,
                insurerKeyPassword, clientTruststore, hmacLine)));
        try (CenterApplication center = CenterApplication.start(CenterSettings.load(config, Map.of()),
                Clock.systemUTC())) {
            Properties client = new Properties();
            client.setProperty("endpoint", "http://127.0.0.1:" + centerPort + "/services/eligibility");
            client.setProperty("wsdl", client.getProperty("endpoint") + "?wsdl");
            client.setProperty("keystore", match(FILE, clinicKey));
            client.setProperty("keystorePassword", oneTimePassword(clinicKey));
            client.setProperty("keyAlias", "org-" + CLINIC);
            client.setProperty("truststore", clientTruststore.toString());
            client.setProperty("truststorePassword", "client-truststore-pw");
            client.setProperty("serverAlias", "center");
            String initialPassword = oneTimePassword(clinicUser);

            InvalidRequestFault mustChange = assertThrows(InvalidRequestFault.class,
                    () -> verify(client, initialPassword), "the one-time password is good for changing it only");
            assertTrue(mustChange.getMessage().contains("changePassword"), mustChange.getMessage());
            AccountClient.connect(client, s -> {
                s.put(SecurityConstants.USERNAME, "clinic-staff");
                s.put(SecurityConstants.PASSWORD, initialPassword);
            }).changePassword(initialPassword, NEW_PASSWORD);
            assertEquals(ResultCode.VALID, verify(client, NEW_PASSWORD));

            List<String> log = query(config, "SELECT CONCAT(user_id, '|', operation) FROM access_log"
                    + " WHERE operation LIKE 'cli:%' ORDER BY id");
            assertTrue(log.contains("installer|cli:org-add " + CLINIC + " (MEDICAL_INSTITUTION)") && log.contains("installer|cli:org-change "
                    + INSURER) && log.contains("installer|cli:user-add clinic-staff"), log.toString());

            assertEquals(0, run("org", "end", "--config", cfg, "--operator", "installer", "--code", INSURER).status());
            // The center is another process than the command line: it serves the end once its directory snapshot
            // is older than center.insurer.directory-refresh-seconds (1 s here), a request or two later at most.
            long ended = System.nanoTime();
            ResultCode afterEnd = verify(client, NEW_PASSWORD);
            while (afterEnd != ResultCode.INSURER_NOT_FOUND && System.nanoTime() - ended < 4_000_000_000L) {
                Thread.sleep(200);
                afterEnd = verify(client, NEW_PASSWORD);
            }
            assertEquals(ResultCode.INSURER_NOT_FOUND, afterEnd,
                    "an ended insurer is out of the directory within the refresh bound");
            assertEquals(0, run("org", "end", "--config", cfg, "--operator", "installer", "--code", CLINIC).status());
            assertThrows(SOAPFaultException.class, () -> verify(client, NEW_PASSWORD),
                    "an ended clinic's key is refused from the next request");
        } finally {
            adapter.stop();
        }
    }

    private Path writeConfig(DatabaseSettings database, int centerPort, int adapterPort) throws IOException {
        Path keys = dir.resolve("keys");
        Properties p = new Properties();
        p.setProperty("center.data-dir", dir.resolve("center").toString());
        p.setProperty("center.http.port", String.valueOf(centerPort));
        p.setProperty("center.management.port", "0");
        if (database != null) {
            p.setProperty("center.db.url", database.jdbcUrl());
            p.setProperty("center.db.user", database.user() == null ? "" : database.user());
            p.setProperty("center.db.password", database.password() == null ? "" : database.password());
        }
        p.setProperty("center.ca.keystore.path", keys.resolve("ca.p12").toString());
        p.setProperty("center.ca.keystore.password", "ca-pw-from-the-operator");
        p.setProperty("center.keystore.path", keys.resolve("center.p12").toString());
        p.setProperty("center.keystore.password", "center-pw-from-the-operator");
        p.setProperty("center.truststore.path", keys.resolve("center-truststore.p12").toString());
        p.setProperty("center.truststore.password", "truststore-pw-from-the-operator");
        p.setProperty("center.data-key.keystore.path", keys.resolve("data-key.p12").toString());
        p.setProperty("center.data-key.keystore.password", "data-key-pw-from-the-operator");
        p.setProperty("center.service-account.password", SERVICE_PASSWORD);
        p.setProperty("center.password.pbkdf2-iterations", String.valueOf(CenterStack.TEST_PBKDF2_ITERATIONS));
        p.setProperty("center.insurer.directory-refresh-seconds", "1");
        Path file = dir.resolve("center.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(writer, "a new center's configuration");
        }
        return file;
    }

    /** What a clinic and an insurer adapter trust: the center's certificate and its CA, both written by init. */
    private Path clientTruststore() {
        Map<String, X509Certificate> trusted = new LinkedHashMap<>();
        trusted.put("center", Pem.read(dir.resolve("keys").resolve("center.crt.pem")));
        trusted.put("center-ca", Pem.read(dir.resolve("keys").resolve("ca.crt.pem")));
        Path file = dir.resolve("handover").resolve("client-truststore.p12");
        KeyStoreFiles.writeTrusted(file, trusted, "client-truststore-pw".toCharArray());
        return file;
    }

    private Path adapterConfig(int port, Path keystore, String keyPassword, Path truststore, String hmacLine)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("adapter.insurer-numbers", INSURER);
        p.setProperty("adapter.http.port", String.valueOf(port));
        p.setProperty("adapter.data-dir", dir.resolve("insurer").toString());
        p.setProperty("adapter.keystore.path", keystore.toString());
        p.setProperty("adapter.keystore.password", keyPassword);
        p.setProperty("adapter.keystore.alias", "org-" + INSURER);
        p.setProperty("adapter.truststore.path", truststore.toString());
        p.setProperty("adapter.truststore.password", "client-truststore-pw");
        p.setProperty("adapter.center.subject-constraint", Pattern.quote(CenterInit.CENTER_DN));
        p.setProperty("adapter.center.username", "center-service");
        p.setProperty("adapter.center.password-hash",
                new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(SERVICE_PASSWORD));
        p.setProperty("adapter.log.card-hmac-key", hmacLine.substring(hmacLine.indexOf('=') + 1).strip());
        p.setProperty("adapter.demo-cards", "classpath:demo/insurer-00000001-cards.csv");
        // 00000001 is the source document's example insurer number; it fails the insurer-number check digit.
        p.setProperty("adapter.check-digit-required", "false");
        Path file = dir.resolve("adapter.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(writer, "the insurer's adapter");
        }
        return file;
    }

    private static ResultCode verify(Properties client, String password) throws Exception {
        return ClinicClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, "clinic-staff");
            s.put(SecurityConstants.PASSWORD, password);
        }).verifyEligibility(VerificationEndToEndTest.query(INSURER, "東京", "001", LocalDate.of(2005, 7, 8)), null, null)
                .getResultCode();
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = CenterMain.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String oneTimePassword(Result result) {
        return match(ONE_TIME, result);
    }

    private static String match(Pattern pattern, Result result) {
        Matcher matcher = pattern.matcher(result.output());
        assertTrue(matcher.find(), pattern + " in " + result.output());
        return matcher.group(1);
    }

    private static List<String> query(Path config, String sql) throws Exception {
        DatabaseSettings settings = CenterApplication.databaseSettings(CenterSettings.load(config, Map.of()));
        try (var database = jp.hokensho.center.persistence.Database.open(settings);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private Map<Path, byte[]> files() throws IOException {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        try (var files = Files.list(dir.resolve("keys"))) {
            for (Path file : files.sorted().toList()) {
                contents.put(file, read(file));
            }
        }
        return contents;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
