package jp.hokensho.center.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.contract.admin.BatchCount;
import jp.hokensho.contract.admin.InsurerAvailabilityRow;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.ReasonCount;
import jp.hokensho.contract.admin.VolumeCount;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The monthly operations report as one CSV of four sections (volumes, refusals, insurer availability, batches),
 * each with its own header line and a blank line between them. UTF-8 with a byte order mark, as the usage report.
 */
public final class MonthlyReportCsv {
    static final List<String> AVAILABILITY_HEADER = List.of("保険者番号", "保険者名", "呼出件数", "応答", "失敗",
            "遮断中(呼出なし)", "遮断回数", "呼出のあった時間帯", "失敗のあった時間帯", "可用率(%)", "平均応答(ms)",
            "最大応答(ms)");

    private MonthlyReportCsv() {
    }

    public static void write(MonthlyOperationsReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT);
        csv.printRecord("月次運用報告", report.getMonth(), report.getFrom(), report.getTo());
        csv.println();
        csv.printRecord("認証件数(結果・情報源別)");
        csv.printRecord("結果", "結果名", "情報源", "件数");
        for (VolumeCount volume : report.getVolume()) {
            csv.printRecord(volume.getResult(), MonthlyReportQuery.label(volume.getResult()),
                    volume.getSource() == null ? "" : volume.getSource(), volume.getCount());
        }
        csv.printRecord("合計", "", "", report.getVerifications());
        csv.println();
        csv.printRecord("不正アクセス(理由別)");
        csv.printRecord("理由", "件数");
        for (ReasonCount reason : report.getRefusal()) {
            csv.printRecord(reason.getReason(), reason.getCount());
        }
        csv.printRecord("合計", report.getRefusals());
        csv.println();
        csv.printRecord("リアルタイム保険者の可用性");
        csv.printRecord(AVAILABILITY_HEADER);
        for (InsurerAvailabilityRow insurer : report.getInsurer()) {
            csv.printRecord(availability(insurer));
        }
        csv.println();
        csv.printRecord("一括認証");
        csv.printRecord("状態", "件数", "明細件数");
        for (BatchCount batch : report.getBatch()) {
            csv.printRecord(batch.getStatus(), batch.getBatches(), batch.getItems() == null ? "" : batch.getItems());
        }
        csv.flush();
    }

    static List<Object> availability(InsurerAvailabilityRow insurer) {
        List<Object> values = new ArrayList<>(List.of(insurer.getInsurerNumber(),
                insurer.getInsurerName() == null ? "" : insurer.getInsurerName(), insurer.getCalls(),
                insurer.getAnswered(), insurer.getFailed(), insurer.getShortCircuited(), insurer.getBreakerOpenings(),
                insurer.getHoursWithCalls(), insurer.getHoursWithFailures()));
        values.add(insurer.getAvailabilityPercent() == null ? "-" : insurer.getAvailabilityPercent().toPlainString());
        values.add(insurer.getAverageLatencyMs() == null ? "-" : insurer.getAverageLatencyMs());
        values.add(insurer.getMaxLatencyMs() == null ? "-" : insurer.getMaxLatencyMs());
        return values;
    }
}
