package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.retention.RetentionPurge;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * verifyEligibility's requestReference and onBehalfOf through the real center, over signed and encrypted SOAP: a
 * repeated reference gets the original answer and 認証番号 without a new verification, another query with it is
 * refused, each organisation has its own references, the window ends, simultaneous repeats make one verification,
 * and the operator is recorded and read back. Runs once per database (subclasses).
 */
abstract class RequestReferenceEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);
    private static final LocalDate STORED_DATE = LocalDate.of(2025, 6, 1);
    private static final String PASSWORD = "Reference-Passw0rd-1";
    private static final String OTHER_CLINIC = "1319876543";
    private static final String COLLEAGUE = "reference-colleague";
    private static final String OTHER_STAFF = "reference-other-staff";

    private Properties client;
    private EligibilityPortType manager;
    private EligibilityPortType colleague;
    private EligibilityPortType otherClinic;

    @BeforeAll
    void connectClinics() throws Exception {
        client = stack.client();
        manager = ClinicClient.connect(client);
        UserAccountStore users = new UserAccountStore(stack.center.database());
        String hash = new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(PASSWORD);
        users.create(COLLEAGUE, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:STAFF", hash);
        colleague = ClinicClient.connect(as(client, COLLEAGUE));
        new OrganisationRepository(stack.center.database(), Clock.systemUTC()).create(OTHER_CLINIC, "下町の医院",
                OrganisationKind.MEDICAL_INSTITUTION);
        users.create(OTHER_STAFF, OTHER_CLINIC, "MEDICAL_INSTITUTION:STAFF", hash);
        otherClinic = ClinicClient.connect(withIssuedKey(as(client, OTHER_STAFF), OTHER_CLINIC));
    }

    @Test
    void theSameReferenceAgainGetsTheOriginalAnswerAndNumberWithoutANewRecord() throws Exception {
        String reference = newReference();
        long recordsBefore = db.verificationCount();
        EligibilityAnswer first = manager.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), reference,
                null);

        EligibilityAnswer again = manager.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), reference,
                null);
        // Asked as typed at another desk: full-width digits and spaces normalise to the same query.
        EligibilityAnswer byColleague = colleague.verifyEligibility(query("０００００００１", " 東京 ", "００１",
                SCREEN_DATE), reference, "受付 佐藤");

        assertEquals(ResultCode.VALID, first.getResultCode());
        AnswerDigest digest = new AnswerDigest();
        assertArrayEquals(digest.canonicalXml(first), digest.canonicalXml(again), "the very same answer");
        assertArrayEquals(digest.canonicalXml(first), digest.canonicalXml(byColleague));
        assertEquals(recordsBefore + 1, db.verificationCount(), "one verification, one audit record");
        VerificationRecord record = manager.getVerification(first.getVerificationNumber());
        assertEquals(DemoSeed.CLINIC_MANAGER, record.getRequesterUserId(), "the record is the first request's");
        assertNull(record.getOnBehalfOf());
        assertTrue(digest.matches(again, record.getAnswerDigestVersion(), record.getAnswerDigest()),
                "the repeated answer is the one the audit record proves");
        assertEquals(List.of(DemoSeed.CLINIC_MANAGER + " REPEATED " + first.getVerificationNumber(),
                        COLLEAGUE + " REPEATED " + first.getVerificationNumber()),
                db.query("SELECT CONCAT(user_id, ' ', outcome) FROM access_log WHERE outcome = ? ORDER BY id",
                        "REPEATED " + first.getVerificationNumber()),
                "the access log names who asked again");
    }

    @Test
    void theSameReferenceWithAnotherQueryIsRefusedAndRecordsNothing() throws Exception {
        String reference = newReference();
        LocalDate born = LocalDate.of(1955, 5, 5);
        EligibilityQuery asked = born(query("00000001", "東京", "001", SCREEN_DATE), born);
        String number = manager.verifyEligibility(asked, reference, null).getVerificationNumber();
        long records = db.verificationCount();

        List<EligibilityQuery> others = List.of(born(query("00000001", "東京", "002", SCREEN_DATE), born),
                born(query("00000001", "東京", "001", SCREEN_DATE.plusDays(1)), born),
                born(query("00000001", "東京", "001", SCREEN_DATE), born.plusDays(1)),
                query("00000001", "東京", "001", SCREEN_DATE),
                born(query("00000001", "東京", "001", null), born));
        for (EligibilityQuery other : others) {
            InvalidRequestFault refused = assertThrows(InvalidRequestFault.class,
                    () -> manager.verifyEligibility(other, reference, null));
            assertEquals("REQUEST_REFERENCE_REUSED", refused.getFaultInfo().getCode());
            assertEquals("requestReference", refused.getFaultInfo().getField());
        }

        assertEquals(records, db.verificationCount(), "nothing verified or recorded");
        assertEquals(number, manager.verifyEligibility(asked, reference, null).getVerificationNumber(),
                "the reference still answers its own query");
    }

    @Test
    void eachOrganisationHasItsOwnReferences() throws Exception {
        String reference = newReference();
        EligibilityAnswer mine = manager.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), reference,
                null);

        EligibilityAnswer theirs = otherClinic.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "100",
                STORED_DATE), reference, null);
        EligibilityAnswer theirsAgain = otherClinic.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪",
                "100", STORED_DATE), reference, null);

        assertNotEquals(mine.getVerificationNumber(), theirs.getVerificationNumber());
        assertEquals(theirs.getVerificationNumber(), theirsAgain.getVerificationNumber());
        assertEquals(List.of(OTHER_CLINIC), db.query("SELECT requester_org_code FROM verification_record"
                + " WHERE verification_number = ?", theirs.getVerificationNumber()));
        assertEquals(mine.getVerificationNumber(), manager.verifyEligibility(query("00000001", "東京", "001",
                SCREEN_DATE), reference, null).getVerificationNumber());
    }

    @Test
    void afterTheWindowAReferenceIsVerifiedAnewAndTheOldAnswerIsPurged() throws Exception {
        String reference = newReference();
        String purged = newReference();
        EligibilityAnswer first = manager.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "100",
                STORED_DATE), reference, null);
        String toPurge = manager.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "200", STORED_DATE),
                purged, null).getVerificationNumber();
        assertEquals(Duration.ofHours(24), windowOf(first.getVerificationNumber()), "kept for the configured window");

        // As if the window had passed: the center's clock is the system's, the rows' expiry is moved back.
        ageKeptAnswers(first.getVerificationNumber(), toPurge);
        EligibilityAnswer later = manager.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "300",
                STORED_DATE), reference, null);
        int deleted = new RetentionPurge(stack.center.database().dataSource(),
                CenterSettings.load(stack.demo.centerProperties(), Map.of()), Clock.systemUTC()).purge();

        assertNotEquals(first.getVerificationNumber(), later.getVerificationNumber(), "a new verification");
        assertEquals("300", later.getQuery().getNumber(), "another query is no reuse once the window passed");
        assertTrue(deleted >= 1);
        assertEquals(List.of(later.getVerificationNumber()), db.query("SELECT verification_number FROM request_answer"
                + " WHERE verification_number IN (?, ?, ?)", first.getVerificationNumber(), toPurge,
                later.getVerificationNumber()), "the expired answers are gone, the new one is kept");
    }

    @Test
    void simultaneousRequestsWithOneNewReferenceMakeOneVerification() throws Exception {
        List<EligibilityPortType> ports = List.of(ClinicClient.connect(client), colleague);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String reference = newReference();
                long before = db.verificationCount();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<EligibilityAnswer>> answers = new ArrayList<>();
                for (EligibilityPortType port : ports) {
                    answers.add(threads.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        // The real-time card: the insurer's answer takes a while, so both pass the first look-up.
                        return port.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), reference,
                                null);
                    }));
                }
                String first = answers.get(0).get(60, TimeUnit.SECONDS).getVerificationNumber();
                String second = answers.get(1).get(60, TimeUnit.SECONDS).getVerificationNumber();

                assertEquals(first, second, "round " + round + ": one number for both");
                assertEquals(before + 1, db.verificationCount(), "round " + round + ": one audit record");
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(stack.verifyAuditChain().ok());
    }

    @Test
    void theOperatorIsRecordedWithTheVerificationAndReadBack() throws Exception {
        String operator = "受付 山田 花子";
        String number = manager.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "100", STORED_DATE),
                null, operator).getVerificationNumber();
        String without = manager.verifyEligibility(query(DemoCards.PRE_STORED_INSURER, "大阪", "100", STORED_DATE),
                null, null).getVerificationNumber();

        assertEquals(operator, manager.getVerification(number).getOnBehalfOf());
        assertNull(manager.getVerification(without).getOnBehalfOf());
        VerificationRecord listed = manager.listVerifications(new VerificationFilter()).getRecord().stream()
                .filter(r -> number.equals(r.getVerificationNumber())).findFirst().orElseThrow();
        assertEquals(operator, listed.getOnBehalfOf());
        assertEquals(List.of(operator), db.query("SELECT on_behalf_of FROM verification_record"
                + " WHERE verification_number = ?", number));
    }

    @Test
    void badReferencesAndOperatorsAreRefusedNamingTheField() throws Exception {
        long records = db.verificationCount();
        for (String[] bad : new String[][] {{"r".repeat(129), null, "requestReference"},
                {"tab\tinside", null, "requestReference"}, {null, "名".repeat(101), "onBehalfOf"},
                {null, "line\nbreak", "onBehalfOf"}}) {
            InvalidRequestFault refused = assertThrows(InvalidRequestFault.class, () -> manager.verifyEligibility(
                    query("00000001", "東京", "001", SCREEN_DATE), bad[0], bad[1]));
            assertEquals("SCHEMA_INVALID", refused.getFaultInfo().getCode());
            assertEquals(bad[2], refused.getFaultInfo().getField());
        }
        assertEquals(records, db.verificationCount());
    }

    private Duration windowOf(String verificationNumber) {
        try (var c = stack.center.database().dataSource().getConnection();
             var s = c.prepareStatement("SELECT answered_at, expires_at FROM request_answer"
                     + " WHERE verification_number = ?")) {
            s.setString(1, verificationNumber);
            try (var r = s.executeQuery()) {
                r.next();
                return Duration.between(r.getObject(1, LocalDateTime.class), r.getObject(2, LocalDateTime.class));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ageKeptAnswers(String... verificationNumbers) throws Exception {
        try (var c = stack.center.database().dataSource().getConnection();
             var s = c.prepareStatement("UPDATE request_answer SET expires_at = ? WHERE verification_number = ?")) {
            for (String number : verificationNumbers) {
                s.setObject(1, LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1));
                s.setString(2, number);
                assertEquals(1, s.executeUpdate());
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static String newReference() {
        return "受付-" + UUID.randomUUID();
    }

    private static EligibilityQuery query(String insurer, String symbol, String number, LocalDate date) {
        return VerificationEndToEndTest.query(insurer, symbol, number, date);
    }

    private static EligibilityQuery born(EligibilityQuery query, LocalDate birthDate) {
        query.setBirthDate(birthDate);
        return query;
    }

    private static Properties as(Properties client, String user) {
        Properties as = new Properties();
        as.putAll(client);
        as.setProperty("username", user);
        as.setProperty("password", PASSWORD);
        return as;
    }

    /** A key the center issues for {@code organisation}, as its client would install it. */
    private Properties withIssuedKey(Properties as, String organisation) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdminCli admin = new AdminCli(stack.center.database(), CenterSettings.load(stack.demo.centerProperties(),
                Map.of()), "test-operator", new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC());
        Path keyFile = admin.issueKey(organisation, dir.resolve("issued-" + organisation));
        String password = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("one-time password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyFile)) {
            store.load(in, password.toCharArray());
        }
        as.setProperty("keystore", keyFile.toString());
        as.setProperty("keystorePassword", password);
        as.setProperty("keyAlias", Collections.list(store.aliases()).get(0));
        return as;
    }
}
