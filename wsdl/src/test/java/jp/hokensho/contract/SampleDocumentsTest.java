package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sample messages against the contract's XSDs: the good ones pass, each bad one is refused naming its element. */
class SampleDocumentsTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ContractSchemas.load();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "samples/valid/verifyEligibility-seed.xml",
        "samples/valid/verifyEligibility-without-target-date.xml",
        "samples/valid/queryCard.xml",
        "samples/valid/queryCardResponse.xml",
        "samples/valid/queryCardResponse-no-card.xml",
        "samples/valid/getVerificationResponse.xml",
        "expected/verifyEligibilityResponse-seed.xml",
        "expected/queryCardResponse-yoshida.xml"})
    void validDocumentIsAccepted(String path) {
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, ContractSchemas.sample(path)));
    }

    @Test
    void fullWidthDigitsInTheInsurerNumberAreLeftToNormalisation() {
        // ００００００01: XSD's \d is any Unicode decimal digit; the center normalises with NFKC afterwards.
        assertEquals(List.of(), ContractSchemas.errorsOf(schema,
                ContractSchemas.sample("samples/valid/verifyEligibility-full-width-insurer-number.xml")));
    }

    @ParameterizedTest(name = "{0} is refused naming {1}")
    @CsvSource({
        "insurer-number-7-digits.xml, insurerNumber, 0000001",
        "target-date-month-13.xml, targetDate, 2005-13-45",
        "verification-number-19-digits.xml, verificationNumber, 0000000000000000709",
        "unknown-result-code.xml, resultCode, MAYBE_VALID",
        "age-with-fraction.xml, age, 50.5",
        "age-in-kanji.xml, age, 五十",
        "missing-symbol.xml, symbol, "})
    void invalidDocumentIsRefusedNamingTheOffendingElement(String file, String element, String badValue) {
        List<String> errors = ContractSchemas.errorsOf(schema, ContractSchemas.sample("samples/invalid/" + file));

        assertFalse(errors.isEmpty(), file + " was accepted");
        Pattern naming = Pattern.compile("(?<![\\w])" + element + "(?![\\w])");
        assertTrue(errors.stream().anyMatch(message -> naming.matcher(message).find()),
                () -> "no message names <" + element + ">: " + errors);
        if (badValue != null) {
            assertTrue(errors.stream().anyMatch(message -> message.contains("'" + badValue + "'")),
                    () -> "no message quotes the bad value " + badValue + ": " + errors);
        }
    }
}
