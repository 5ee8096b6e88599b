package jp.hokensho.center.report;

import java.io.PrintStream;
import java.util.List;
import jp.hokensho.contract.admin.BatchCount;
import jp.hokensho.contract.admin.InsurerAvailabilityRow;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.ReasonCount;
import jp.hokensho.contract.admin.VolumeCount;

/** The monthly operations report as plain text for a terminal: the same four sections as the CSV. */
public final class MonthlyReportText {
    private MonthlyReportText() {
    }

    public static void write(MonthlyOperationsReport report, PrintStream out) {
        out.println("月次運用報告 " + report.getMonth() + " (" + report.getFrom() + " - " + report.getTo() + ", 日本時間)");
        out.println();
        out.println("認証件数(結果・情報源別)");
        for (VolumeCount volume : report.getVolume()) {
            out.printf("  %-24s %-12s %8d%n", volume.getResult() + " " + MonthlyReportQuery.label(volume.getResult()),
                    volume.getSource() == null ? "-" : volume.getSource(), volume.getCount());
        }
        out.printf("  %-37s %8d%n", "合計", report.getVerifications());
        out.println();
        out.println("不正アクセス(理由別)");
        for (ReasonCount reason : report.getRefusal()) {
            out.printf("  %-37s %8d%n", reason.getReason(), reason.getCount());
        }
        out.printf("  %-37s %8d%n", "合計", report.getRefusals());
        out.println();
        out.println("リアルタイム保険者の可用性 (可用率 = 応答 / 呼出件数; 遮断中の呼出を含む)");
        out.println("  " + String.join(" | ", MonthlyReportCsv.AVAILABILITY_HEADER));
        for (InsurerAvailabilityRow insurer : report.getInsurer()) {
            List<Object> values = MonthlyReportCsv.availability(insurer);
            out.println("  " + String.join(" | ", values.stream().map(String::valueOf).toList()));
        }
        out.println();
        out.println("一括認証");
        for (BatchCount batch : report.getBatch()) {
            out.printf("  %-28s %8d 件 %s%n", batch.getStatus(), batch.getBatches(),
                    batch.getItems() == null ? "" : "(明細 " + batch.getItems() + ")");
        }
    }
}
