package jp.hokensho.portal.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;
import org.junit.jupiter.api.Test;

/** Dates, ages and relationships written as the source screen writes them. */
class JapaneseFormatTest {

    @Test
    void datesAreInTheJapaneseEraWithTheFirstYearAsGannen() {
        assertEquals("平成16年4月1日", JapaneseFormat.eraDate(LocalDate.of(2004, 4, 1)));
        assertEquals("昭和30年5月5日", JapaneseFormat.eraDate(LocalDate.of(1955, 5, 5)));
        assertEquals("平成31年4月30日", JapaneseFormat.eraDate(LocalDate.of(2019, 4, 30)));
        assertEquals("令和元年5月1日", JapaneseFormat.eraDate(LocalDate.of(2019, 5, 1)));
        assertEquals("平成元年1月8日", JapaneseFormat.eraDate(LocalDate.of(1989, 1, 8)));
        assertEquals("昭和64年1月7日", JapaneseFormat.eraDate(LocalDate.of(1989, 1, 7)));
    }

    @Test
    void periodsJoinBothEndsAndLeaveAnOpenEndOpen() {
        assertEquals("平成16年4月1日～平成22年3月31日",
                JapaneseFormat.eraPeriod(LocalDate.of(2004, 4, 1), LocalDate.of(2010, 3, 31)));
        assertEquals("平成16年4月1日～", JapaneseFormat.eraPeriod(LocalDate.of(2004, 4, 1), null));
        assertEquals("", JapaneseFormat.eraPeriod(null, null));
    }

    @Test
    void timesAreShownInJapanWhateverTheOffsetOfTheAnswer() {
        assertEquals("平成17年7月8日 9時05分00秒",
                JapaneseFormat.eraDateTime(OffsetDateTime.of(2005, 7, 8, 0, 5, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void insuredPersonIsSexAgeAndBirthDateLikeTheScreen() {
        assertEquals("男50才(昭和30年5月5日生)", JapaneseFormat.sexAgeBirth(Sex.MALE, 50, LocalDate.of(1955, 5, 5)));
        assertEquals("妻", JapaneseFormat.relationship(Relationship.SPOUSE, Sex.FEMALE));
        assertEquals("夫", JapaneseFormat.relationship(Relationship.SPOUSE, Sex.MALE));
        assertEquals("長女", JapaneseFormat.relationship(Relationship.ELDEST_DAUGHTER, Sex.FEMALE));
    }
}
