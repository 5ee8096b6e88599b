package jp.hokensho.center.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periods of the usage report: days, months cut to the range, and sessions read from a CSV file. */
class UsagePeriodsTest {
    @TempDir
    Path dir;

    @Test
    void monthsAreCutToTheRange() {
        assertEquals(List.of(new UsagePeriod("2005-07", LocalDate.of(2005, 7, 20), LocalDate.of(2005, 7, 31)),
                        new UsagePeriod("2005-08", LocalDate.of(2005, 8, 1), LocalDate.of(2005, 8, 31)),
                        new UsagePeriod("2005-09", LocalDate.of(2005, 9, 1), LocalDate.of(2005, 9, 3))),
                UsagePeriods.byMonth(LocalDate.of(2005, 7, 20), LocalDate.of(2005, 9, 3)));
        assertEquals(3, UsagePeriods.byDay(LocalDate.of(2005, 2, 27), LocalDate.of(2005, 3, 1)).size());
    }

    @Test
    void sessionsComeFromAFileWithOrWithoutBom() throws Exception {
        Path file = dir.resolve("sessions.csv");
        Files.writeString(file, "\uFEFF第1回,2005-07-04,2005-07-08\n\n第2回, 2005-07-11 ,2005-07-15\n");
        assertEquals(List.of(new UsagePeriod("第1回", LocalDate.of(2005, 7, 4), LocalDate.of(2005, 7, 8)),
                new UsagePeriod("第2回", LocalDate.of(2005, 7, 11), LocalDate.of(2005, 7, 15))),
                UsagePeriods.sessions(file));
    }

    @Test
    void badSessionFilesAreRefusedWithTheReason() throws Exception {
        assertTrue(refusal("第1回,2005-07-04,2005-07-08\n第2回,2005-07-08,2005-07-12\n").contains("overlap"));
        assertTrue(refusal("第1回,2005/07/04,2005-07-08\n").contains("'2005/07/04' is not a date"));
        assertTrue(refusal("第1回,2005-07-04\n").contains("expected name,from,to"));
        assertTrue(refusal("第1回,2005-07-08,2005-07-04\n").contains("ends (2005-07-04) before it starts"));
        assertTrue(refusal("").contains("names no period"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsagePeriods.sessions(dir.resolve("none.csv")))
                .getMessage().contains("cannot read sessions file"));
    }

    private String refusal(String content) throws Exception {
        Path file = Files.createTempFile(dir, "sessions", ".csv");
        Files.writeString(file, content);
        return assertThrows(IllegalArgumentException.class, () -> UsagePeriods.sessions(file)).getMessage();
    }
}
