package jp.hokensho.center.admin.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import jp.hokensho.contract.admin.ServiceLogEntry;
import jp.hokensho.contract.admin.ServiceLogKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The export's CSV: Excel's BOM and line ends, Japanese time, and caller-chosen text never run as a formula. */
class ServiceLogCsvTest {
    @Test
    void aRefusedCallersFormulaIsWrittenAsTextInJapaneseTime() throws Exception {
        ServiceLogEntry refusal = new ServiceLogEntry();
        refusal.setLog(ServiceLogKind.REFUSAL);
        refusal.setAt(OffsetDateTime.parse("2026-11-30T15:30:00.123Z"));
        refusal.setUserId("=HYPERLINK(\"http://evil.example\",\"x\")");
        refusal.setOrganisationCode("+1311234567");
        refusal.setOutcome("UNKNOWN_USER");
        refusal.setDetail("-2+3");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ServiceLogCsv csv = new ServiceLogCsv(out)) {
            csv.write(refusal);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.charAt(0));
        assertEquals(2, text.split("\r\n").length, "header and one line, CRLF");
        CSVRecord line = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1))).getRecords().get(0);
        assertEquals(List.of("REFUSAL", "2026-12-01 00:30:00.123", "'+1311234567",
                "'=HYPERLINK(\"http://evil.example\",\"x\")", "", "UNKNOWN_USER"), line.toList().subList(0, 6));
        assertEquals("'-2+3", line.get("詳細"));
    }
}
