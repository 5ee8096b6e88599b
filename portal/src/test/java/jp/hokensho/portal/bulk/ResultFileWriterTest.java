package jp.hokensho.portal.bulk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jp.hokensho.contract.eligibility.BatchItem;
import org.junit.jupiter.api.Test;

class ResultFileWriterTest {
    private static final Charset SJIS = Charset.forName("windows-31j");

    @Test
    void utf8StartsWithAByteOrderMarkAndEndsLinesWithCrLf() throws Exception {
        byte[] bytes = write(List.of(result("大阪", "100")), FileEncoding.UTF_8);

        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals("保険者番号,記号,番号,枝番,対象年月日,生年月日,行,結果コード,認証結果,認証番号,有効開始日,有効終了日,"
                + "有効期間,保険者名\r\n33120015,大阪,100,,2026-04-01,,2,VALID,有効な保険資格です,12345678901234567890,"
                + "2020-04-01,,令和2年4月1日～,△△△健康保険組合\r\n", text);
    }

    @Test
    void shiftJisHasNoByteOrderMarkAndReadsBackAsWindows31j() throws Exception {
        byte[] bytes = write(List.of(result("髙﨑①", "100")), FileEncoding.SHIFT_JIS);

        assertEquals((byte) 0x95, bytes[0], "starts with 保 in Shift_JIS, no BOM");
        String text = new String(bytes, SJIS);
        assertTrue(text.lines().toList().get(1).startsWith("33120015,髙﨑①,100,"), text);
    }

    @Test
    void cellsThatLookLikeFormulasAreNeutralised() throws Exception {
        byte[] bytes = write(List.of(result("=HYPERLINK(\"x\")", "+1"), result("@SUM(A1)", "-2"),
                result("\tTAB", "\rCR")), FileEncoding.UTF_8);

        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(1).startsWith("33120015,\"'=HYPERLINK(\"\"x\"\")\",'+1,,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("33120015,'@SUM(A1),'-2,,"), lines.get(2));
        assertEquals("'\tTAB", ResultFileWriter.neutralised("\tTAB"));
        assertEquals("'\rCR", ResultFileWriter.neutralised("\rCR"));
        assertEquals("大阪", ResultFileWriter.neutralised("大阪"));
        assertEquals("2026-04-01", ResultFileWriter.neutralised("2026-04-01"), "a date in the middle has a dash");
    }

    private static BulkResult result(String symbol, String number) {
        CardRow row = new CardRow(2, "33120015", symbol, number, "", "2026-04-01", "", new BatchItem());
        return new BulkResult(row, "VALID", "有効な保険資格です", "12345678901234567890", "2020-04-01", "",
                "令和2年4月1日～", "△△△健康保険組合");
    }

    private static byte[] write(List<BulkResult> results, FileEncoding encoding) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultFileWriter.write(results, encoding, out);
        return out.toByteArray();
    }
}
