package jp.hokensho.portal.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Saves the results as CSV that Excel opens as it is: UTF-8 with a byte-order mark (without it Excel reads
 * Shift_JIS) or Shift_JIS (Windows-31J), CRLF line ends. The input columns come first, then the result columns.
 * A cell that Excel would take for a formula (starting with =, +, -, @, a tab or a CR) gets a leading
 * apostrophe, so a crafted card value cannot run anything on the clinic's computer.
 */
public final class ResultFileWriter {
    public static final List<String> RESULT_HEADERS = List.of("行", "結果コード", "認証結果", "認証番号",
            "有効開始日", "有効終了日", "有効期間", "保険者名");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();

    private ResultFileWriter() {
    }

    /** @param encoding {@link FileEncoding#UTF_8} (written with a BOM) or {@link FileEncoding#SHIFT_JIS} */
    public static void write(List<BulkResult> results, FileEncoding encoding, OutputStream out) throws IOException {
        if (encoding == FileEncoding.AUTO) {
            throw new IllegalArgumentException("the saved file needs an encoding: UTF_8 or SHIFT_JIS");
        }
        if (encoding == FileEncoding.UTF_8) {
            out.write(UTF8_BOM);
        }
        // A character Shift_JIS cannot hold becomes '?' rather than failing the whole file.
        Writer writer = new OutputStreamWriter(out, encoding.charset().newEncoder()
                .onUnmappableCharacter(CodingErrorAction.REPLACE).onMalformedInput(CodingErrorAction.REPLACE));
        try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
            List<String> header = new ArrayList<>(CardColumn.headers());
            header.addAll(RESULT_HEADERS);
            printer.printRecord(header);
            for (BulkResult result : results) {
                CardRow row = result.row();
                printer.printRecord(List.of(row.insurerNumber(), row.symbol(), row.number(), row.branchNumber(),
                        row.targetDate(), row.birthDate(), Integer.toString(row.line()), result.code(), result.text(),
                        result.verificationNumber(), result.validFrom(), result.validTo(), result.validity(),
                        result.insurerName()).stream().map(ResultFileWriter::neutralised).toList());
            }
        }
    }

    /** A cell a spreadsheet would read as a formula, made plain text with a leading apostrophe. */
    static String neutralised(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + cell : cell;
    }
}
