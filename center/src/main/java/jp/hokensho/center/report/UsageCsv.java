package jp.hokensho.center.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The usage report as CSV: one line per institution and period, then the institution's total, then the total
 * of all institutions. UTF-8 with a byte order mark, which Excel needs to read Japanese text as UTF-8.
 */
public final class UsageCsv {
    static final String TOTAL = "合計";

    private UsageCsv() {
    }

    public static void write(UsageReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header()).get());
        for (InstitutionUsage institution : report.institutions()) {
            for (Map.Entry<UsagePeriod, UsageCounts> period : institution.periods().entrySet()) {
                printer.printRecord(line(institution.code(), institution.name(), period.getKey().name(),
                        period.getKey().from() + "", period.getKey().to() + "", period.getValue()));
            }
            printer.printRecord(line(institution.code(), institution.name(), TOTAL, "", "", institution.total()));
        }
        printer.printRecord(line("", report.institutions().size() + "医療機関合計", TOTAL, first(report), last(report),
                report.overall()));
        printer.flush();
    }

    private static String[] header() {
        List<String> names = new ArrayList<>(List.of("医療機関コード", "医療機関名", "期間", "開始日", "終了日",
                "アクセス件数"));
        ResultLabels.ORDER.forEach(result -> names.add(ResultLabels.label(result)));
        names.add("再認証件数");
        ResultLabels.ORDER.forEach(result -> names.add("再認証内" + ResultLabels.label(result)));
        return names.toArray(String[]::new);
    }

    private static List<Object> line(String code, String name, String period, String from, String to,
                                     UsageCounts counts) {
        List<Object> values = new ArrayList<>(List.of(code, name, period, from, to, counts.accesses()));
        ResultLabels.ORDER.forEach(result -> values.add(counts.count(result)));
        values.add(counts.reverifications());
        ResultLabels.ORDER.forEach(result -> values.add(counts.reverificationCount(result)));
        return values;
    }

    static String first(UsageReport report) {
        return report.periods().stream().map(UsagePeriod::from).min(java.util.Comparator.naturalOrder())
                .map(Object::toString).orElse("");
    }

    static String last(UsageReport report) {
        return report.periods().stream().map(UsagePeriod::to).max(java.util.Comparator.naturalOrder())
                .map(Object::toString).orElse("");
    }
}
