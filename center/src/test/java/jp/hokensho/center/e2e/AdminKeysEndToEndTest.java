package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.IssuedKeyFile;
import jp.hokensho.contract.admin.KeyRenewal;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.contract.admin.UnlockedUser;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The system administrator's keys through the AdminService on the real center (signed and encrypted with the
 * center staff's key): an issued key file opens with its one-time password and verifies cards until it is revoked,
 * then the very next request is refused; a renewed key and its successor both work during the overlap; keys
 * ending soon show on /health; a locked account is unlocked; other roles are refused.
 */
class AdminKeysEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);
    private Properties console;
    private Properties clinic;
    private AdminPortType admin;

    @BeforeAll
    void connect() throws Exception {
        console = stack.consoleClient();
        clinic = stack.client();
        admin = AdminClient.connect(console, DemoSeed.CENTER_ADMINISTRATOR,
                stack.demo.secret("user." + DemoSeed.CENTER_ADMINISTRATOR));
    }

    @Test
    void issuedKeyWorksUntilRevokedInTheConsoleThenTheNextCallIsRefused() throws Exception {
        IssuedKeyFile issued = admin.issueKey(DemoSeed.CLINIC);
        assertEquals("ACTIVE", issued.getKey().getState());
        assertEquals(DemoSeed.CENTER_ADMINISTRATOR, issued.getKey().getIssuedBy());
        assertTrue(issued.getOneTimePassword().length() >= 20, "a strong one-time password");
        EligibilityPortType withIssued = withKeyFile(issued, "issued.p12");
        assertEquals(ResultCode.VALID, verify(withIssued));
        assertTrue(listed(DemoSeed.CLINIC, issued.getKey().getSerialNumber()), "listed with its organisation");

        var revocation = admin.revokeKey(issued.getKey().getSerialNumber());
        assertFalse(revocation.isAlreadyRevoked());
        assertEquals("REVOKED", revocation.getKey().getState());
        assertEquals(DemoSeed.CENTER_ADMINISTRATOR, revocation.getKey().getRevokedBy());
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> verify(withIssued));
        assertEquals(List.of("REVOKED_KEY"), db.refusalReasonsAfter(lastRefusal), "refused from the very next call");
        assertTrue(admin.revokeKey(issued.getKey().getSerialNumber()).isAlreadyRevoked(), "a second revocation "
                + "keeps the first");
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(clinic)), "the clinic's other key still works");
        assertEquals(List.of("urn:issueKey", "urn:revokeKey"), db.query("SELECT DISTINCT operation FROM access_log "
                + "WHERE user_id = ? AND operation IN ('urn:issueKey', 'urn:revokeKey') ORDER BY operation",
                DemoSeed.CENTER_ADMINISTRATOR), "every action is in the access log with the operator");
    }

    @Test
    void renewedKeyAndItsSuccessorBothWorkDuringTheOverlap() throws Exception {
        IssuedKeyFile first = admin.issueKey(DemoSeed.CLINIC);
        Instant before = Instant.now();
        KeyRenewal renewal = admin.renewKey(first.getKey().getSerialNumber());
        int overlapDays = Integer.parseInt(settings().get("center.keys.renewal-overlap-days"));

        KeySummary old = renewal.getOldKey();
        assertEquals("RENEWED", old.getState());
        assertEquals(renewal.getIssued().getKey().getSerialNumber(), old.getRenewedBy());
        assertEquals(first.getKey().getSerialNumber(), renewal.getIssued().getKey().getRenews());
        Instant oldEnd = old.getNotAfter().toInstant();
        assertTrue(!oldEnd.isBefore(before.plus(Duration.ofDays(overlapDays)).minusSeconds(1))
                && oldEnd.isBefore(Instant.now().plus(Duration.ofDays(overlapDays)).plusSeconds(1)), old.getNotAfter()
                + " is now + " + overlapDays + " days");
        assertEquals(first.getKey().getSubject(), renewal.getIssued().getKey().getSubject());
        assertEquals(List.of(DemoSeed.CENTER_ADMINISTRATOR), db.query("SELECT r.renewed_by FROM key_renewal r JOIN "
                + "org_certificate o ON o.id = r.old_certificate_id WHERE o.serial_number = ?",
                first.getKey().getSerialNumber()), "the link old -> new is recorded with who renewed");

        assertEquals(ResultCode.VALID, verify(withKeyFile(first, "first.p12")), "the old key works in the overlap");
        assertEquals(ResultCode.VALID, verify(withKeyFile(renewal.getIssued(), "renewed.p12")));

        InvalidRequestFault again = assertThrows(InvalidRequestFault.class,
                () -> admin.renewKey(first.getKey().getSerialNumber()));
        assertEquals("KEY_NOT_RENEWABLE", again.getFaultInfo().getCode());
        assertTrue(again.getFaultInfo().getMessage().contains(renewal.getIssued().getKey().getSerialNumber()),
                again.getFaultInfo().getMessage());
        admin.revokeKey(renewal.getIssued().getKey().getSerialNumber());
        assertEquals("KEY_NOT_RENEWABLE", assertThrows(InvalidRequestFault.class,
                () -> admin.renewKey(renewal.getIssued().getKey().getSerialNumber())).getFaultInfo().getCode(),
                "a revoked key is not renewed");
    }

    @Test
    void keysEndingWithinTheWarningPeriodShowOnHealthButRenewedOnesDoNot() throws Exception {
        IssuedKey soon = registeredKey(Duration.ofDays(10));
        IssuedKey later = registeredKey(Duration.ofDays(200));
        IssuedKey renewedSoon = registeredKey(Duration.ofDays(5));
        KeyRenewal renewal = admin.renewKey(renewedSoon.serial().toString());

        String health = get("http://127.0.0.1:" + stack.center.managementPort() + "/health");
        assertTrue(health.contains("\"serialNumber\":\"" + soon.serial() + "\""), health);
        assertFalse(health.contains(later.serial().toString()), "not yet within the warning period");
        assertFalse(health.contains(renewedSoon.serial().toString()), "renewed: its successor carries on");
        assertFalse(health.contains(renewal.getIssued().getKey().getSerialNumber()));
        assertFalse(health.contains("\"status\":\"DOWN\""), health);

        assertEquals("EXPIRING", stateOf(soon.serial()));
        assertEquals("ACTIVE", stateOf(later.serial()));
        assertTrue(new CertificateStore(stack.center.database()).expiringWithin(Duration.ofDays(30)).stream()
                .anyMatch(key -> key.serial().equals(soon.serial()) && key.organisationCode().equals(DemoSeed.CLINIC)
                        && key.organisationName().equals("上野の森クリニック")));
    }

    @Test
    void lockedAccountIsUnlockedByTheSystemAdministrator() throws Exception {
        String staff = DemoSeed.CLINIC_STAFF;
        int lockAfter = Integer.parseInt(settings().get("center.lockout.failures"));
        for (int i = 0; i < lockAfter; i++) {
            String guess = "wrong-" + i;
            SecurityFaults.assertGenericFault(() -> verify(asClinicPerson(staff, guess)));
        }
        EligibilityPortType withRightPassword = asClinicPerson(staff, stack.demo.secret("user." + staff));
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> verify(withRightPassword));
        assertEquals(List.of("LOCKED"), db.refusalReasonsAfter(lastRefusal));

        UnlockedUser unlocked = admin.unlockUser(staff);
        assertTrue(unlocked.isWasLocked());
        assertEquals(DemoSeed.CLINIC, unlocked.getOrganisationCode());
        assertEquals(ResultCode.VALID, verify(withRightPassword), "usable again at once");

        assertEquals("USER_NOT_FOUND", assertThrows(InvalidRequestFault.class,
                () -> admin.unlockUser("nobody-here")).getFaultInfo().getCode());
    }

    @Test
    void badRequestsAreRefusedByCodeWithNothingWritten() throws Exception {
        String keysBefore = db.query("SELECT COUNT(*) FROM org_certificate").get(0);
        assertEquals("ORGANISATION_NOT_FOUND", assertThrows(InvalidRequestFault.class,
                () -> admin.issueKey("99999999")).getFaultInfo().getCode());
        assertEquals("ORGANISATION_NOT_FOUND", assertThrows(InvalidRequestFault.class,
                () -> admin.listKeys("99999999")).getFaultInfo().getCode());
        InvalidRequestFault unknown = assertThrows(InvalidRequestFault.class, () -> admin.revokeKey("12345"));
        assertEquals("KEY_NOT_FOUND", unknown.getFaultInfo().getCode());
        assertEquals("serialNumber", unknown.getFaultInfo().getField());
        assertEquals("SCHEMA_INVALID", assertThrows(InvalidRequestFault.class,
                () -> admin.revokeKey("12ab")).getFaultInfo().getCode());
        assertEquals(keysBefore, db.query("SELECT COUNT(*) FROM org_certificate").get(0));
    }

    @Test
    void onlyTheSystemAdministratorMayTouchKeys() throws Exception {
        long lastRefusal = db.lastRefusalId();
        AdminPortType operations = AdminClient.connect(console, DemoSeed.CENTER_OPERATIONS_MANAGER,
                stack.demo.secret("user." + DemoSeed.CENTER_OPERATIONS_MANAGER));
        SecurityFaults.assertGenericFault(() -> operations.issueKey(DemoSeed.CLINIC));
        SecurityFaults.assertGenericFault(() -> operations.listKeys(null));
        AdminPortType clinicManager = AdminClient.connect(clinic, DemoSeed.CLINIC_MANAGER,
                stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER));
        SecurityFaults.assertGenericFault(() -> clinicManager.unlockUser(DemoSeed.CLINIC_STAFF));
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION", "MISSING_PERMISSION"),
                db.refusalReasonsAfter(lastRefusal));
        assertNull(admin.listKeys(null).stream().filter(key -> key.getOrganisationCode().equals(DemoSeed.CENTER))
                .findFirst().orElseThrow().getRevokedAt(), "every organisation's keys, the center's too");
    }

    @Test
    void theCommandLineRenewsWithTheSameServiceAndRecordsTheOperator() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        jp.hokensho.center.admin.AdminCli cli = new jp.hokensho.center.admin.AdminCli(stack.center.database(),
                settings(), "cli-operator", new java.io.PrintStream(printed, true,
                java.nio.charset.StandardCharsets.UTF_8), Clock.systemUTC());
        IssuedKeyFile issued = admin.issueKey(DemoSeed.CLINIC);
        Path file = cli.renewKey(new BigInteger(issued.getKey().getSerialNumber()), dir.resolve("cli"));
        String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        String password = output.lines().filter(line -> line.startsWith("one-time password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        Properties renewed = new Properties();
        renewed.putAll(clinic);
        renewed.setProperty("keystore", file.toString());
        renewed.setProperty("keystorePassword", password);
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(renewed)), "the CLI's file opens with its password");

        KeySummary old = admin.listKeys(DemoSeed.CLINIC).stream()
                .filter(key -> key.getSerialNumber().equals(issued.getKey().getSerialNumber())).findFirst().orElseThrow();
        assertEquals("RENEWED", old.getState(), "the console sees what the command line did");
        assertEquals(1, db.query("SELECT operation FROM access_log WHERE user_id = 'cli-operator' AND operation LIKE ?",
                "cli:key-renew " + issued.getKey().getSerialNumber() + " -> %").size());
        cli.listKeys(DemoSeed.CLINIC);
        assertTrue(printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .anyMatch(line -> line.startsWith(issued.getKey().getSerialNumber()) && line.contains("RENEWED")
                        && line.contains("renewed by")));
    }

    private IssuedKey registeredKey(Duration validity) {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        IssuedKey key = ca.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), validity);
        new CertificateStore(stack.center.database()).register(key.serial(), DemoSeed.CLINIC,
                key.certificate().getSubjectX500Principal().getName(), key.certificate().getNotBefore().toInstant(),
                key.certificate().getNotAfter().toInstant());
        return key;
    }

    private String stateOf(BigInteger serial) throws Exception {
        return admin.listKeys(DemoSeed.CLINIC).stream().filter(key -> key.getSerialNumber().equals(serial.toString()))
                .findFirst().orElseThrow().getState();
    }

    private boolean listed(String organisation, String serial) throws Exception {
        return admin.listKeys(organisation).stream().anyMatch(key -> key.getSerialNumber().equals(serial)
                && key.getOrganisationName().equals("上野の森クリニック"));
    }

    /** The clinic's client with the issued file and its one-time password, as the clinic would install them. */
    private EligibilityPortType withKeyFile(IssuedKeyFile issued, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, issued.getKeyFile());
        Properties withFile = new Properties();
        withFile.putAll(clinic);
        withFile.setProperty("keystore", file.toString());
        withFile.setProperty("keystorePassword", issued.getOneTimePassword());
        return ClinicClient.connect(withFile);
    }

    private EligibilityPortType asClinicPerson(String user, String password) throws Exception {
        return ClinicClient.connect(clinic, s -> {
            s.put(SecurityConstants.USERNAME, user);
            s.put(SecurityConstants.PASSWORD, password);
        });
    }

    private CenterSettings settings() {
        return CenterSettings.load(stack.demo.centerProperties(), Map.of());
    }

    private static ResultCode verify(EligibilityPortType port) throws Exception {
        return port.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
