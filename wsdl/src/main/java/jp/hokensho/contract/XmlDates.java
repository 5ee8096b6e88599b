package jp.hokensho.contract;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * JAXB conversions for xs:date and xs:dateTime (referenced from bindings.xjb).
 *
 * <p>An xs:dateTime without an offset is read as Japan time: the center's callers are Japanese insurers' back
 * offices and clinics, whose exports write local wall-clock time without a zone. Reading it as UTC would move
 * every such time nine hours into the future.
 */
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

    /** The zone an xs:dateTime without offset is read in. */
    public static final ZoneId UNZONED_TIMES_ZONE = ZoneId.of("Asia/Tokyo");

    public static OffsetDateTime parseDateTime(String text) {
        String trimmed = text.trim();
        if (trimmed.endsWith("Z") || trimmed.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(trimmed);
        }
        // Never the server's own zone: the same document must mean the same instant on every node.
        return java.time.LocalDateTime.parse(trimmed).atZone(UNZONED_TIMES_ZONE).toOffsetDateTime();
    }

    public static String printDateTime(OffsetDateTime dateTime) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
    }
}
