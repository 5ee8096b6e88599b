package jp.hokensho.center.admin.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import jp.hokensho.contract.admin.ServiceLogEntry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Service-log entries as CSV for Excel in Japan: UTF-8 with a byte order mark (Excel then reads UTF-8; without it
 * Excel assumes Shift_JIS, and Shift_JIS cannot hold every name: 𠮷, 髙 and other kanji outside JIS X 0208 would
 * be lost), CRLF line ends, times in Japanese time. Text that Excel would run as a formula (=, +, -, @ first; a
 * refused caller chooses its own user ID) is written with a leading apostrophe.
 */
final class ServiceLogCsv implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    static final String[] HEADER = {"ログ", "日時(日本時間)", "組織コード", "ユーザーID", "操作", "結果・理由",
        "認証番号", "保険者番号", "被保険者証(HMAC)", "情報源", "証明書シリアル", "処理時間(ms)", "詳細"};

    private final CSVPrinter printer;
    private long rows;

    ServiceLogCsv(OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(ServiceLogEntry entry) {
        try {
            printer.printRecord(entry.getLog().value(),
                    entry.getAt().atZoneSameInstant(LogSearch.JAPAN).format(TIME), text(entry.getOrganisationCode()),
                    text(entry.getUserId()), text(entry.getOperation()), text(entry.getOutcome()),
                    text(entry.getVerificationNumber()), text(entry.getInsurerNumber()), text(entry.getCard()),
                    text(entry.getSource()), text(entry.getCertificateSerial()),
                    entry.getDurationMs() == null ? "" : entry.getDurationMs(), text(entry.getDetail()));
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long rows() {
        return rows;
    }

    /** Text a spreadsheet shows as text: a leading formula character is escaped (OWASP "CSV injection"). */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
