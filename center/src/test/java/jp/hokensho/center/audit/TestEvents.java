package jp.hokensho.center.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;

/** Verification events as the route records them, with nanosecond times to exercise truncation. */
final class TestEvents {
    static final Caller CLINIC_USER = new Caller("clinic-manager", "M0000001", "上野医院", "BUSINESS_MANAGER",
            Set.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS));

    private TestEvents() {
    }

    static VerificationEvent event(String verificationNumber, ResultCode result) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber("00000001");
        query.setSymbol("東京");
        query.setNumber("001");
        query.setBranchNumber("02");
        query.setTargetDate(LocalDate.of(2005, 7, 8));
        query.setBirthDate(LocalDate.of(1983, 1, 2));
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber(verificationNumber);
        answer.setResultCode(result);
        answer.setQuery(query);
        answer.setAnsweredAt(OffsetDateTime.of(2005, 7, 8, 10, 11, 12, 123_456_789, ZoneOffset.ofHours(9)));
        answer.setSource(DataSource.PRE_STORED);
        answer.setValidFrom(LocalDate.of(2004, 4, 1));
        answer.setValidTo(LocalDate.of(2010, 3, 31));
        answer.setInsurerUpdatedAt(OffsetDateTime.of(2005, 6, 30, 18, 0, 0, 999_999_999, ZoneOffset.ofHours(9)));
        answer.setCenterReceivedAt(OffsetDateTime.of(2005, 7, 1, 0, 0, 0, 1_000, ZoneOffset.UTC));
        return new VerificationEvent(CLINIC_USER, answer, "ab".repeat(32), AnswerDigest.CURRENT_VERSION);
    }

    static String number(long n) {
        return String.format("%020d", n);
    }
}
