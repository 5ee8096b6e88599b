package jp.hokensho.portal.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.types.EligibilityQuery;
import org.junit.jupiter.api.Test;

/** The server's field checks, one message per field, and the query they let through. */
class VerificationFormTest {

    @Test
    void theScreenCaseIsAcceptedAndFullWidthDigitsBecomeHalfWidth() {
        VerificationForm form = new VerificationForm("０００００００１", " 東京 ", "001", "", "2005-07-08", "");

        assertTrue(form.validate().isEmpty(), form.validate()::toString);
        EligibilityQuery query = form.toQuery();
        assertEquals("00000001", query.getInsurerNumber());
        assertEquals("東京", query.getSymbol());
        assertEquals(LocalDate.of(2005, 7, 8), query.getTargetDate());
        assertNull(query.getBranchNumber());
        assertNull(query.getBirthDate());
    }

    @Test
    void eachBadFieldHasItsOwnMessageInTheOrderOfTheForm() {
        Map<String, String> errors = new VerificationForm("12345", "", "x".repeat(41), "1", "2005-02-30", "yesterday")
                .validate();

        assertEquals(List.of("insurerNumber", "symbol", "number", "branchNumber", "targetDate", "birthDate"),
                List.copyOf(errors.keySet()));
        assertEquals("保険者番号は6桁または8桁の数字です", errors.get("insurerNumber"));
        assertEquals("記号を入力してください", errors.get("symbol"));
        assertEquals("番号は40文字以内で入力してください", errors.get("number"));
    }

    @Test
    void sixDigitInsurerNumbersAndTwoDigitBranchesAreAccepted() {
        assertTrue(new VerificationForm("123456", "東京", "001", "01", "2005-07-08", "1955-05-05").validate().isEmpty());
        assertEquals("保険者番号は6桁または8桁の数字です",
                new VerificationForm("1234567", "東京", "001", "", "2005-07-08", "").validate().get("insurerNumber"));
    }

    @Test
    void theBrowsersPatternsSayWhatTheServerChecks() {
        for (String accepted : List.of("123456", "12345678", "１２３４５６")) {
            assertTrue(accepted.matches(VerificationForm.INSURER_NUMBER_PATTERN), accepted);
        }
        for (String refused : List.of("12345", "1234567", "123456789", "12345a")) {
            assertTrue(!refused.matches(VerificationForm.INSURER_NUMBER_PATTERN), refused);
        }
    }
}
