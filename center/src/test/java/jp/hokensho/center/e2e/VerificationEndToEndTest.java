package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.verification.AnswerDigest;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clinic verifies cards through the real center, over signed and encrypted SOAP, against a real
 * real-time insurer adapter and the center's card store. Runs once per database (subclasses).
 */
abstract class VerificationEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);

    private Properties client;
    private EligibilityPortType clinic;

    @Override
    abstract TestDatabase database(Path dir);

    @BeforeAll
    void connectClinic() throws Exception {
        client = stack.client();
        clinic = ClinicClient.connect(client);
    }

    @Test
    void seedScreenCaseIsValidWithEveryFieldOfTheScreen() throws Exception {
        EligibilityAnswer answer = clinic.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), null, null);

        assertEquals(ResultCode.VALID, answer.getResultCode());
        assertTrue(answer.getVerificationNumber().matches("\\d{20}"), answer.getVerificationNumber());
        assertEquals(LocalDate.of(2004, 4, 1), answer.getValidFrom());
        assertEquals(LocalDate.of(2010, 3, 31), answer.getValidTo());
        assertEquals("〇〇〇健康保険組合", answer.getInsurer().getName());
        assertEquals("東京都〇〇区××1-1-1", answer.getInsurer().getAddress());
        assertEquals("NTTコムウェア", answer.getEmployer().getName());
        assertEquals("東京都港区港南1-9-1", answer.getEmployer().getAddress());
        assertPerson(answer.getInsured(), "上野 太郎", Sex.MALE, 50, Relationship.SELF);
        assertEquals(LocalDate.of(1955, 5, 5), answer.getInsured().getBirthDate());
        List<Person> family = answer.getDependent();
        assertEquals(5, family.size());
        assertPerson(family.get(0), "上野 一子", Sex.FEMALE, 44, Relationship.SPOUSE);
        assertPerson(family.get(1), "上野 次子", Sex.FEMALE, 22, Relationship.ELDEST_DAUGHTER);
        assertPerson(family.get(2), "上野 三郎", Sex.MALE, 19, Relationship.ELDEST_SON);
        assertPerson(family.get(3), "上野 四郎", Sex.MALE, 17, Relationship.SECOND_SON);
        assertPerson(family.get(4), "上野 五郎", Sex.MALE, 69, Relationship.FATHER);
        assertEquals(DataSource.REAL_TIME, answer.getSource());
        assertNotNull(answer.getInsurerUpdatedAt(), "when the insurer last changed the record");
        assertNull(answer.getCenterReceivedAt(), "real-time data is not held by the center");
        assertEquals(SCREEN_DATE, answer.getQuery().getTargetDate());
    }

    @Test
    void unknownVerificationNumberIsAnExpectedFaultLoggedWithoutStackTrace() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThrows(NotFoundFault.class, () -> clinic.getVerification("99999999999999999999"));
            assertEquals(List.of(), logs.warningsOrStackTracesMentioning("getVerification"),
                    "an expected fault is no warning and has no stack trace");
        }
    }

    @Test
    void realTimeCardOutsideItsValidityIsExpiredOrNotYetValid() throws Exception {
        assertEquals(ResultCode.EXPIRED, result("00000001", "東京", "001", LocalDate.of(2010, 4, 1)));
        assertEquals(ResultCode.NOT_YET_VALID, result("00000001", "東京", "001", LocalDate.of(2004, 3, 31)));
    }

    @Test
    void preStoredCardsAreAnsweredFromTheCardStoreWithReceptionTime() throws Exception {
        EligibilityAnswer valid = clinic.verifyEligibility(
                query("33120015", "大阪", "100", LocalDate.of(2025, 6, 1)), null, null);
        assertEquals(ResultCode.VALID, valid.getResultCode());
        assertEquals(DataSource.PRE_STORED, valid.getSource());
        assertNotNull(valid.getCenterReceivedAt(), "when the center received the pre-stored record");
        assertNotNull(valid.getInsurerUpdatedAt());
        assertEquals(2, valid.getDependent().size());
        assertEquals(ResultCode.EXPIRED, result("33120015", "大阪", "200", LocalDate.of(2025, 6, 1)));
        assertEquals(ResultCode.EXPIRED, result("33120015", "大阪", "300", LocalDate.of(2025, 10, 1)),
                "qualification lost on that day");
        assertEquals(ResultCode.VALID, result("33120015", "大阪", "300", LocalDate.of(2025, 9, 30)));
        assertEquals(ResultCode.NOT_YET_VALID, result("33120015", "大阪", "400", LocalDate.of(2025, 6, 1)));
    }

    @Test
    void unknownCardsAndInsurersAreReportedAsSuch() throws Exception {
        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, result("00000001", "東京", "999", SCREEN_DATE));
        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, result("33120015", "大阪", "999", SCREEN_DATE));
        EligibilityAnswer unknownInsurer = clinic.verifyEligibility(
                query("12345678", "東京", "001", SCREEN_DATE), null, null);
        assertEquals(ResultCode.INSURER_NOT_FOUND, unknownInsurer.getResultCode());
        assertNull(unknownInsurer.getInsurer());
    }

    @Test
    void branchNumberNamesOnePersonAndMismatchesSayNotFound() throws Exception {
        EligibilityQuery wife = query("00000001", "東京", "001", SCREEN_DATE);
        wife.setBranchNumber("01");
        EligibilityAnswer answer = clinic.verifyEligibility(wife, null, null);
        assertEquals(ResultCode.VALID, answer.getResultCode());
        assertPerson(answer.getSubject(), "上野 一子", Sex.FEMALE, 44, Relationship.SPOUSE);

        EligibilityQuery noSuchBranch = query("00000001", "東京", "001", SCREEN_DATE);
        noSuchBranch.setBranchNumber("09");
        assertNotFoundWithoutDetails(clinic.verifyEligibility(noSuchBranch, null, null));

        EligibilityQuery wrongBirthDate = query("00000001", "東京", "001", SCREEN_DATE);
        wrongBirthDate.setBirthDate(LocalDate.of(1955, 5, 6));
        assertNotFoundWithoutDetails(clinic.verifyEligibility(wrongBirthDate, null, null));

        EligibilityQuery rightBirthDate = query("00000001", "東京", "001", SCREEN_DATE);
        rightBirthDate.setBranchNumber("00");
        rightBirthDate.setBirthDate(LocalDate.of(1955, 5, 5));
        assertEquals(ResultCode.VALID, clinic.verifyEligibility(rightBirthDate, null, null).getResultCode());
    }

    @Test
    void fullWidthDigitsAndSpacesMatchTheCard() throws Exception {
        EligibilityAnswer answer = clinic.verifyEligibility(query("０００００００１", " 東京 ", "００１", SCREEN_DATE), null, null);
        assertEquals(ResultCode.VALID, answer.getResultCode());
        assertEquals("00000001", answer.getQuery().getInsurerNumber(), "the answer carries the normalised query");
        assertEquals("001", answer.getQuery().getNumber());
    }

    @Test
    void missingTargetDateMeansTodayInTokyo() throws Exception {
        EligibilityAnswer answer = clinic.verifyEligibility(query("00000001", "東京", "001", null), null, null);
        assertEquals(LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")), answer.getQuery().getTargetDate());
        assertEquals(ResultCode.EXPIRED, answer.getResultCode());
    }

    @Test
    void contractInvalidRequestGetsTypedFaultNamingTheField() throws Exception {
        long before = db.verificationCount();
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> clinic.verifyEligibility(query("1234567", "東京", "001", SCREEN_DATE), null, null));
        assertEquals("insurerNumber", fault.getFaultInfo().getField());
        assertEquals("SCHEMA_INVALID", fault.getFaultInfo().getCode());
        assertEquals(before, db.verificationCount(), "nothing recorded for an invalid request");
    }

    @Test
    void schemaFaultNamesTheFieldButNeverRepeatsItsValue() throws Exception {
        // 41 characters, one over the contract's limit; a marker no rule text could contain by chance.
        String symbol = "上野太郎個人記号" + "X".repeat(33);
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> clinic.verifyEligibility(query("00000001", symbol, "001", SCREEN_DATE), null, null));

        assertEquals("symbol", fault.getFaultInfo().getField());
        assertEquals("SCHEMA_INVALID", fault.getFaultInfo().getCode());
        assertTrue(fault.getFaultInfo().getMessage().contains("cvc-maxLength-valid"), fault.getFaultInfo().getMessage());
        for (String text : List.of(fault.getMessage(), fault.getFaultInfo().getMessage())) {
            assertFalse(text.contains("上野太郎個人記号"), "the fault repeats the value: " + text);
        }
        List<String> details = db.query("SELECT detail FROM refusal_log WHERE reason_code = 'SCHEMA_INVALID'"
                + " AND detail LIKE 'symbol:%'");
        assertFalse(details.isEmpty(), "the refusal is logged naming the field");
        for (String detail : details) {
            assertFalse(detail.contains("上野太郎個人記号"), "refusal_log repeats the value: " + detail);
        }
    }

    @Test
    void stoppedInsurerIsUnavailableNeverNotFound() throws Exception {
        stack.stopInsurer();
        try {
            long started = System.nanoTime();
            EligibilityAnswer answer = clinic.verifyEligibility(
                    query("00000001", "東京", "001", SCREEN_DATE), null, null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(ResultCode.INSURER_UNAVAILABLE, answer.getResultCode());
            assertEquals("〇〇〇健康保険組合", answer.getInsurer().getName());
            assertTrue(answer.getVerificationNumber().matches("\\d{20}"));
            // Generous bound: the answer must not hang on a dead insurer (functional, not a benchmark).
            assertTrue(took.toMillis() < CenterStack.INSURER_TIMEOUT_MILLIS + 8_000, "took " + took);
        } finally {
            stack.restartInsurer();
        }
        assertEquals(ResultCode.VALID, result("00000001", "東京", "001", SCREEN_DATE), "traffic resumes");
    }

    @Test
    void refusalsAreGenericAndRecordNoVerification() throws Exception {
        long before = db.verificationCount();
        EligibilityPortType wrongPassword = ClinicClient.connect(client,
                settings -> settings.put(SecurityConstants.PASSWORD, "not-the-password"));
        EligibilityPortType unknownUser = ClinicClient.connect(client,
                settings -> settings.put(SecurityConstants.USERNAME, "nobody"));
        for (EligibilityPortType caller : List.of(wrongPassword, unknownUser)) {
            SecurityFaults.assertGenericFault(() -> caller.verifyEligibility(query("00000001", "東京", "001",
                    SCREEN_DATE), null, null));
        }
        assertEquals(before, db.verificationCount());
        assertEquals(ResultCode.VALID, result("00000001", "東京", "001", SCREEN_DATE), "good calls still answered");
    }

    @Test
    void getVerificationReturnsThePastRecordToItsRequester() throws Exception {
        EligibilityAnswer answer = clinic.verifyEligibility(query("00000001", "東京", "001", SCREEN_DATE), null, null);
        VerificationRecord record = clinic.getVerification(answer.getVerificationNumber());
        assertEquals(answer.getVerificationNumber(), record.getVerificationNumber());
        assertEquals(ResultCode.VALID, record.getResultCode());
        assertEquals(DemoSeed.CLINIC_MANAGER, record.getRequesterUserId());
        assertEquals(DemoSeed.CLINIC, record.getRequesterOrganisation());
        assertEquals("東京", record.getQuery().getSymbol());
        assertTrue(record.getAnswerDigest().matches("[0-9a-f]{64}"));
        assertEquals(AnswerDigest.EXCLUSIVE_C14N, record.getAnswerDigestVersion());
        assertTrue(new AnswerDigest().matches(answer, record.getAnswerDigestVersion(), record.getAnswerDigest()),
                "the clinic re-checks the recorded digest against the answer it received");
        assertThrows(jp.hokensho.contract.eligibility.NotFoundFault.class,
                () -> clinic.getVerification("99999999999999999999"));
    }

    @Test
    void auditChainVerifiesAfterTraffic() throws Exception {
        result("00000001", "東京", "001", SCREEN_DATE);
        result("33120015", "大阪", "100", SCREEN_DATE);
        AuditChainReport report = stack.verifyAuditChain();
        assertTrue(report.ok(), report.toString());
        assertFalse(report.checkedRecords() < 2);
    }

    private ResultCode result(String insurer, String symbol, String number, LocalDate date) throws Exception {
        return clinic.verifyEligibility(query(insurer, symbol, number, date), null, null).getResultCode();
    }

    static EligibilityQuery query(String insurer, String symbol, String number, LocalDate date) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setTargetDate(date);
        return query;
    }

    private static void assertPerson(Person person, String name, Sex sex, int age, Relationship relationship) {
        assertNotNull(person, name);
        assertEquals(name, person.getName());
        assertEquals(sex, person.getSex(), name);
        assertEquals(age, person.getAge(), name);
        assertEquals(relationship, person.getRelationship(), name);
    }

    private static void assertNotFoundWithoutDetails(EligibilityAnswer answer) {
        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, answer.getResultCode());
        assertNull(answer.getInsured(), "a mismatch must not disclose the card");
        assertTrue(answer.getDependent().isEmpty());
    }
}
