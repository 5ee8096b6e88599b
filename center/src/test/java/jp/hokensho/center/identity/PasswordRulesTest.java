package jp.hokensho.center.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each password rule, with the name the fault carries. */
class PasswordRulesTest {
    private final PasswordRules rules = new PasswordRules(PasswordRules.DEFAULT_MIN_LENGTH);

    @ParameterizedTest(name = "{1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "Old-Passw0rd-1 | Sh0rt-pw!       | MIN_LENGTH",
            "Old-Passw0rd-1 | abcdefghijkl    | CHARACTER_CLASSES",
            "Old-Passw0rd-1 | abcdefgh1234    | CHARACTER_CLASSES",
            "Old-Passw0rd-1 | ＡＢＣＤＥＦ１２３４５６ | CHARACTER_CLASSES",
            "Old-Passw0rd-1 | My-Clinic-Staff-9 | CONTAINS_USER_ID",
            "Old-Passw0rd-1 | ｃｌｉｎｉｃ－ｓｔａｆｆ-X9 | CONTAINS_USER_ID",
            "Old-Passw0rd-1 | Old-Passw0rd-1  | SAME_AS_OLD",
            "Old-Passw0rd-1 | Ｏｌｄ－Ｐａｓｓｗ０ｒｄ－１ | SAME_AS_OLD",
    })
    void brokenRuleIsNamed(String oldPassword, String newPassword, String rule) {
        assertEquals(rule, rules.check("clinic-staff", oldPassword, newPassword).orElseThrow().rule());
    }

    @ParameterizedTest
    @CsvSource({
            "Ueno-Clinic-2026",
            "ueno-clinic-2026",
            "UENO_CLINIC_2026",
            "ＡＢＣｄｅｆ１２３４５６",
            "上野クリニックの受付Ab1",
    })
    void passwordsMeetingTheRulesPass(String newPassword) {
        assertEquals(Optional.empty(), rules.check("clinic-staff", "Old-Passw0rd-1", newPassword));
    }

    @Test
    void minimumLengthIsConfigurableAndMaximumFixed() {
        PasswordRules sixteen = new PasswordRules(16);
        assertEquals(Optional.empty(), sixteen.check("u", "old", "Ueno-Clinic-2026"));
        assertEquals("MIN_LENGTH", sixteen.check("u", "old", "Ueno-Clinic-26").orElseThrow().rule());
        assertEquals("MAX_LENGTH", rules.check("u", "old", "Aa1-".repeat(33)).orElseThrow().rule());
        assertThrows(IllegalArgumentException.class, () -> new PasswordRules(6));
    }

    @Test
    void shortUserIdsAreNotSearchedFor() {
        assertEquals(Optional.empty(), rules.check("ab", "Old-Passw0rd-1", "Crab-Salad-2026"));
    }
}
