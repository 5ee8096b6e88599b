package jp.hokensho.insurer.card;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.hokensho.contract.CardKeys;

/**
 * Typed access to one CSV row's cells; each failure becomes one problem naming the column.
 */
final class CsvCells {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private final Map<String, Integer> index;
    private final CsvReader.Record record;
    private final List<String> problems;

    CsvCells(Map<String, Integer> index, CsvReader.Record record, List<String> problems) {
        this.index = index;
        this.record = record;
        this.problems = problems;
    }

    private String raw(String column) {
        String v = CardKeys.normalise(record.fields().get(index.get(column)));
        return v == null || v.isEmpty() ? null : v;
    }

    String text(String column, int max, boolean required) {
        // Names keep their characters as typed (only trimmed): NFKC would turn half-width kana into full-width.
        String v = record.fields().get(index.get(column)).strip();
        if (v.isEmpty()) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        if (v.length() > max) {
            problems.add(column + " is longer than " + max + " characters");
            return null;
        }
        return v;
    }

    String matching(String column, String regex, String expected) {
        String v = raw(column);
        if (v == null || !v.matches(regex)) {
            problems.add(column + " must be " + expected + (v == null ? "" : ", got '" + v + "'"));
            return null;
        }
        return v;
    }

    LocalDate date(String column, boolean required) {
        String v = raw(column);
        if (v == null) {
            if (required) {
                problems.add(column + " is required");
            }
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(column + " must be a date like 2004-04-01, got '" + v + "'");
            return null;
        }
    }

    Integer percent(String column) {
        String v = raw(column);
        if (v == null) {
            return null;
        }
        if (!v.matches("\\d{1,3}") || Integer.parseInt(v) > 100) {
            problems.add(column + " must be 0 to 100, got '" + v + "'");
            return null;
        }
        return Integer.parseInt(v);
    }

    /** ISO date-time with offset; without one it is read as Tokyo time. */
    OffsetDateTime timestamp(String column) {
        String v = raw(column);
        if (v == null) {
            problems.add(column + " is required");
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(TOKYO).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                problems.add(column + " must be a date-time like 2004-04-01T09:00:00+09:00, got '" + v + "'");
                return null;
            }
        }
    }

    <E extends Enum<E>> E choice(String column, Class<E> type) {
        String v = raw(column);
        try {
            return Enum.valueOf(type, v == null ? "" : v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(column + " must be one of " + Arrays.toString(type.getEnumConstants())
                    + (v == null ? "" : ", got '" + v + "'"));
            return null;
        }
    }
}
