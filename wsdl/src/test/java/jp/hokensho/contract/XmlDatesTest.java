package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The xs:date / xs:dateTime conversions that bindings.xjb hands to JAXB. */
class XmlDatesTest {
    private static final ZoneOffset JST = ZoneOffset.ofHours(9);

    @ParameterizedTest
    @ValueSource(strings = {"2005-07-08", "2005-07-08Z", "2005-07-08+09:00", "2005-07-08-05:00", " 2005-07-08+14:00\n"})
    void dateKeepsTheCalendarDayWhateverItsZone(String text) {
        assertEquals(LocalDate.of(2005, 7, 8), XmlDates.parseDate(text));
    }

    @Test
    void datePrintsWithoutZone() {
        assertEquals("2005-07-08", XmlDates.printDate(LocalDate.of(2005, 7, 8)));
        assertEquals("1952-02-29", XmlDates.printDate(LocalDate.of(1952, 2, 29)));
    }

    @Test
    void zonedDateTimeKeepsItsOffset() {
        assertEquals(OffsetDateTime.of(2005, 7, 8, 10, 0, 0, 0, JST), XmlDates.parseDateTime("2005-07-08T10:00:00+09:00"));
        assertEquals(OffsetDateTime.of(2005, 7, 8, 1, 0, 0, 0, ZoneOffset.UTC), XmlDates.parseDateTime("2005-07-08T01:00:00Z"));
        assertEquals(OffsetDateTime.of(2005, 7, 7, 20, 0, 0, 123_000_000, ZoneOffset.ofHours(-5)),
                XmlDates.parseDateTime("2005-07-07T20:00:00.123-05:00"));
    }

    @Test
    void unzonedDateTimeIsReadAsJapanTimeNotAsUtcNorTheServersZone() {
        assertEquals(OffsetDateTime.of(2005, 7, 8, 10, 0, 0, 0, JST), XmlDates.parseDateTime("2005-07-08T10:00:00"));
        assertEquals(OffsetDateTime.of(2005, 7, 8, 10, 0, 0, 500_000_000, JST),
                XmlDates.parseDateTime(" 2005-07-08T10:00:00.5 "));
        assertEquals(java.time.Instant.parse("2005-07-08T01:00:00Z"),
                XmlDates.parseDateTime("2005-07-08T10:00:00").toInstant());
    }

    @Test
    void dateTimePrintsSecondsAndOffsetAlways() {
        // xs:dateTime requires seconds; OffsetDateTime.toString() would drop ":00".
        assertEquals("2005-06-30T18:00:00+09:00", XmlDates.printDateTime(OffsetDateTime.of(2005, 6, 30, 18, 0, 0, 0, JST)));
        assertEquals("2005-07-08T01:23:45.678Z",
                XmlDates.printDateTime(OffsetDateTime.of(2005, 7, 8, 1, 23, 45, 678_000_000, ZoneOffset.UTC)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2005-07-08T01:23:45.678Z", "2005-06-30T18:00:00+09:00", "2026-03-31T23:59:59.999999-03:30"})
    void dateTimeRoundTrips(String text) {
        assertEquals(text, XmlDates.printDateTime(XmlDates.parseDateTime(text)));
    }
}
