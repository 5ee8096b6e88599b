package jp.hokensho.contract;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JAXB conversions for xs:date and xs:dateTime (referenced from bindings.xjb). */
public final class XmlDates {
    private XmlDates() {
    }

    public static LocalDate parseDate(String text) {
        String trimmed = text.trim();
        // xs:date may carry a zone ("2005-07-08+09:00"); a calendar day keeps only the day.
        return LocalDate.parse(trimmed.length() > 10 ? trimmed.substring(0, 10) : trimmed);
    }

    public static String printDate(LocalDate date) {
        return date.toString();
    }

    public static OffsetDateTime parseDateTime(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(trimmed);
        }
        // A dateTime without zone is read as UTC rather than guessed from the server's zone.
        return java.time.LocalDateTime.parse(trimmed).atOffset(ZoneOffset.UTC);
    }

    public static String printDateTime(OffsetDateTime dateTime) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    }
}
