package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What people type from a card becomes one stored form: NFKC, trimmed, inner whitespace runs as one space. */
class CardKeysTest {

    @ParameterizedTest(name = "[{0}] → [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "００１|001",
        "００００００01|00000001",
        "001|001",
        "ｱｲｳ|アイウ",
        "東京|東京",
        "東　京|東 京",
        "東 京|東 京",
        "東 \t　 京|東 京",
        "東\u00A0京|東 京",
        "Ａ－１|A-1"})
    void foldsWidthAndWhitespace(String typed, String normalised) {
        assertEquals(normalised, CardKeys.normalise(typed));
    }

    @Test
    void trimsAnyWidthOfSpace() {
        assertEquals("001", CardKeys.normalise("  001  "));
        assertEquals("001", CardKeys.normalise("\u3000００１\u3000"));
        assertEquals("東京", CardKeys.normalise("\t東京\n"));
        assertEquals("東京", CardKeys.normalise("\u00A0東京\u3000"));
    }

    @Test
    void blankBecomesEmpty() {
        assertEquals("", CardKeys.normalise(""));
        assertEquals("", CardKeys.normalise(" 　\t"));
    }

    @Test
    void nullStaysNull() {
        assertNull(CardKeys.normalise(null));
    }

    @Test
    void keepsKanjiVariantsAndSupplementaryCharacters() {
        // 髙 and 𠮷 are distinct characters, not compatibility forms: a name must not be "corrected".
        assertEquals("𠮷田 髙志", CardKeys.normalise("𠮷田　髙志"));
    }

    @Test
    void isIdempotent() {
        String once = CardKeys.normalise(" ＡＢ　　ｶﾅ　００１ ");
        assertEquals("AB カナ 001", once);
        assertEquals(once, CardKeys.normalise(once));
    }
}
