package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 認証結果の閲覧 on the real endpoint: the clinic's business manager lists its own organisation's records (never
 * another organisation's), by period, result and card, in pages; bad filters get a typed fault naming the field;
 * the staff role gets the generic refusal and a MISSING_PERMISSION entry.
 */
class ListVerificationsEndToEndTest extends CenterStackTestBase {
    private static final LocalDate ON = LocalDate.of(2025, 6, 1);
    private static final String INSURER = "33120015";
    /** A number the center's issuer never hands out in this test: another organisation's record. */
    private static final String OTHER_ORGANISATIONS_NUMBER = "90000000000000000001";

    private EligibilityPortType manager;
    private final List<String> mine = new ArrayList<>();

    @BeforeAll
    void verifyCardsAndRecordAnotherOrganisations() throws Exception {
        Properties client = stack.client();
        manager = ClinicClient.connect(client);
        for (String number : List.of("100", "200", "400", "100", "200")) {
            mine.add(0, manager.verifyEligibility(VerificationEndToEndTest.query(INSURER, "大阪", number, ON), null, null)
                    .getVerificationNumber());
        }
        // Another clinic's verification of the same card, chained by the center's own audit trail.
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber(OTHER_ORGANISATIONS_NUMBER);
        answer.setQuery(VerificationEndToEndTest.query(INSURER, "大阪", "100", ON));
        answer.setResultCode(ResultCode.VALID);
        answer.setAnsweredAt(java.time.OffsetDateTime.now());
        new JpaAuditTrail(stack.center.database(), 0).append(new VerificationEvent(new Caller("other-manager",
                "1319999999", "別の医院", "MEDICAL_INSTITUTION:BUSINESS_MANAGER",
                Set.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS)), answer, "ab".repeat(32), 2));
    }

    @Test
    void theManagerSeesItsOwnOrganisationsRecordsNewestFirstNeverAnothers() throws Exception {
        VerificationPage page = manager.listVerifications(new VerificationFilter());

        List<String> listed = numbers(page);
        assertEquals(db.count("SELECT COUNT(*) FROM verification_record WHERE requester_org_code = ?",
                DemoSeed.CLINIC), page.getTotal());
        assertEquals(mine, listed.subList(0, mine.size()), "newest first");
        assertFalse(listed.contains(OTHER_ORGANISATIONS_NUMBER), "never another organisation's record");
        assertTrue(page.getRecord().stream().allMatch(r -> DemoSeed.CLINIC.equals(r.getRequesterOrganisation())));
        VerificationRecord newest = page.getRecord().get(0);
        assertEquals(ResultCode.EXPIRED, newest.getResultCode());
        assertEquals("200", newest.getQuery().getNumber());
        assertEquals(64, newest.getAnswerDigest().length());
    }

    @Test
    void filtersByResultCardAndPeriodOfTheRequestTime() throws Exception {
        VerificationFilter expired = new VerificationFilter();
        expired.setResultCode(ResultCode.EXPIRED);
        expired.setInsurerNumber(INSURER);
        expired.setSymbol("大阪");
        assertEquals(List.of(mine.get(0), mine.get(3)), numbers(manager.listVerifications(expired)));

        VerificationFilter card = new VerificationFilter();
        card.setInsurerNumber(INSURER);
        card.setSymbol("大阪");
        card.setNumber("１００");
        assertEquals(List.of(mine.get(1), mine.get(4)), numbers(manager.listVerifications(card)),
                "the card typed in full-width digits, like a query");

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        VerificationFilter yesterday = new VerificationFilter();
        yesterday.setRequestedFrom(today.minusDays(1));
        yesterday.setRequestedTo(today.minusDays(1));
        assertEquals(0, manager.listVerifications(yesterday).getTotal());
        VerificationFilter todayOnly = new VerificationFilter();
        todayOnly.setRequestedFrom(today);
        todayOnly.setRequestedTo(today);
        assertTrue(numbers(manager.listVerifications(todayOnly)).containsAll(mine));
    }

    @Test
    void pagesWithAMoreFlag() throws Exception {
        VerificationFilter filter = new VerificationFilter();
        filter.setInsurerNumber(INSURER);
        filter.setLimit(2);
        VerificationPage first = manager.listVerifications(filter);
        filter.setOffset(4);
        VerificationPage last = manager.listVerifications(filter);

        assertEquals(mine.subList(0, 2), numbers(first));
        assertTrue(first.isMore());
        assertEquals(List.of(mine.get(4)), numbers(last));
        assertFalse(last.isMore());
        assertEquals(5, last.getTotal());
        assertEquals(4, last.getOffset());
    }

    @Test
    void badFiltersGetTheTypedFaultNamingTheField() {
        VerificationFilter backwards = new VerificationFilter();
        backwards.setRequestedFrom(LocalDate.of(2026, 4, 2));
        backwards.setRequestedTo(LocalDate.of(2026, 4, 1));
        InvalidRequestFault period = assertThrows(InvalidRequestFault.class,
                () -> manager.listVerifications(backwards));
        assertEquals("requestedTo", period.getFaultInfo().getField());

        VerificationFilter tooLarge = new VerificationFilter();
        tooLarge.setLimit(101);
        InvalidRequestFault page = assertThrows(InvalidRequestFault.class, () -> manager.listVerifications(tooLarge));
        assertEquals("INVALID_FIELD", page.getFaultInfo().getCode());
        assertEquals("limit", page.getFaultInfo().getField());
    }

    @Test
    void theStaffRoleIsRefusedWithTheGenericFaultAndTheRefusalIsLogged() throws Exception {
        EligibilityPortType staff = ClinicClient.connect(stack.client(), s -> {
            s.put(SecurityConstants.USERNAME, DemoSeed.CLINIC_STAFF);
            s.put(SecurityConstants.PASSWORD, stack.demo.secret("user." + DemoSeed.CLINIC_STAFF));
        });
        long lastRefusal = db.lastRefusalId();

        SecurityFaults.assertGenericFault(() -> staff.listVerifications(new VerificationFilter()));

        assertEquals(List.of("MISSING_PERMISSION"), db.refusalReasonsAfter(lastRefusal));
        assertEquals(List.of("listVerifications"), db.query("SELECT operation FROM refusal_log WHERE id > ?",
                Long.toString(lastRefusal)));
    }

    private static List<String> numbers(VerificationPage page) {
        return page.getRecord().stream().map(VerificationRecord::getVerificationNumber).toList();
    }
}
