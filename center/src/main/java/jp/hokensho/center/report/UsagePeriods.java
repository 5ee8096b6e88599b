package jp.hokensho.center.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Builds the periods of a usage report: every day or month between two dates, or named sessions from a file. */
public final class UsagePeriods {
    private UsagePeriods() {
    }

    public static List<UsagePeriod> byDay(LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<UsagePeriod> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(new UsagePeriod(day.toString(), day, day));
        }
        return days;
    }

    /** Calendar months, the first and last cut to {@code from} and {@code to}. */
    public static List<UsagePeriod> byMonth(LocalDate from, LocalDate to) {
        checkRange(from, to);
        List<UsagePeriod> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
            LocalDate end = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
            months.add(new UsagePeriod(month.toString(), start, end));
        }
        return months;
    }

    /**
     * Named periods from a UTF-8 CSV file of {@code name,from,to} lines (dates as 2005-07-04), without a header.
     * Overlapping sessions are refused: a verification would count in two of them.
     */
    public static List<UsagePeriod> sessions(Path file) {
        List<UsagePeriod> sessions = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord line : CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                    .parse(reader)) {
                if (line.size() != 3) {
                    throw new IllegalArgumentException(file + " record " + line.getRecordNumber()
                            + ": expected name,from,to but found " + line.size() + " fields");
                }
                // Excel writes a byte order mark, which the parser keeps in the first field.
                String name = line.get(0).replace("\uFEFF", "");
                sessions.add(new UsagePeriod(name, date(file, line, 1), date(file, line, 2)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sessions file " + file + ": " + e.getMessage(), e);
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("sessions file " + file + " names no period");
        }
        checkApart(sessions);
        return sessions;
    }

    /** Refuses overlapping sessions: a verification would count in two of them. */
    public static void checkApart(List<UsagePeriod> sessions) {
        List<UsagePeriod> ordered = sessions.stream().sorted(Comparator.comparing(UsagePeriod::from)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            if (!ordered.get(i).from().isAfter(ordered.get(i - 1).to())) {
                throw new IllegalArgumentException("sessions " + ordered.get(i - 1).name() + " and "
                        + ordered.get(i).name() + " overlap");
            }
        }
    }

    private static LocalDate date(Path file, CSVRecord line, int field) {
        try {
            return LocalDate.parse(line.get(field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + " record " + line.getRecordNumber() + ": '" + line.get(field)
                    + "' is not a date like 2005-07-04", e);
        }
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }
}
