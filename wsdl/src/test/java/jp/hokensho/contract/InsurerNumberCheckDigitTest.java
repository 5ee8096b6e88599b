package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 保険者番号 check digit: digits before the last times 2, 1, 2, … from the right, digits of the products
 * added, check = (10 − last digit of the sum) mod 10.
 */
class InsurerNumberCheckDigitTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "33120015", // 1·2 + 0 + 0 + 2·1 + 1·2 + 3·1 + 3·2 = 15 → 5
        "01040013", // 1·2 + 0 + 0 + 4·1 + 0 + 1·1 + 0 = 7 → 3
        "00000190", // 9·2 = 18 → 1+8, + 1·1 = 10 → (10 − 0) mod 10 = 0
        "06139992"  // products ≥ 10 add their digits: 9·2→9, 9, 9·2→9, 3, 6·2→3, 0 … = 38 → 2
    })
    void validEightDigitNumbers(String number) {
        assertTrue(InsurerNumberCheckDigit.isValid(number), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "138057", // 5·2→1, 0, 8·2→7, 3, 1·2 = 13 → 7
        "010017", // 1·2 + 0 + 0 + 1·1 + 0 = 3 → 7
        "000000"
    })
    void validSixDigitNationalHealthInsuranceNumbers(String number) {
        assertTrue(InsurerNumberCheckDigit.isValid(number), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"33120016", "33120010", "01040014", "138050", "138058", "13120015"})
    void wrongCheckDigitIsInvalid(String number) {
        assertFalse(InsurerNumberCheckDigit.isValid(number), number);
    }

    @Test
    void sourceDocumentsTestNumberDoesNotPass() {
        // 00000001 is the demo insurer: the check is a registration rule, never a reason to refuse its queries.
        assertFalse(InsurerNumberCheckDigit.isValid("00000001"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"5", "13805", "3312001", "331200150", "0000000000", "1380571"})
    void lengthsOtherThanSixOrEightAreInvalid(String number) {
        assertFalse(InsurerNumberCheckDigit.isValid(number), String.valueOf(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3312001A", "331-2001", " 33120015", "33120015 ", "３３１２００１５", "+3120015", "13805７"})
    void nonDigitsAreInvalid(String number) {
        // Full-width digits too: the number is checked after CardKeys.normalise, never before.
        assertFalse(InsurerNumberCheckDigit.isValid(number), number);
    }
}
