package jp.hokensho.portal.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardFileReaderTest {
    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String HEADER = "保険者番号,記号,番号,枝番,対象年月日,生年月日\r\n";
    private final CardFileReader reader = new CardFileReader(100);

    @Test
    void shiftJisIsDetectedAndReadAsWindows31j() {
        byte[] bytes = (HEADER + "33120015,大阪,100,,2026-04-01,\r\n33120015,髙﨑①,200,01,2026/4/1,1980/1/2\r\n")
                .getBytes(SJIS);

        CardFile file = reader.read(bytes, FileEncoding.AUTO, TODAY);

        assertEquals(FileEncoding.SHIFT_JIS, file.encoding());
        assertEquals(List.of(), file.problems());
        assertEquals("大阪", file.rows().get(0).symbol());
        assertEquals("髙﨑①", file.rows().get(1).symbol());
        assertEquals("2026-04-01", file.rows().get(1).item().getTargetDate(), "2026/4/1 as Excel writes it");
        assertEquals("1980-01-02", file.rows().get(1).item().getBirthDate());
        assertEquals(3, file.rows().get(1).line());
    }

    @Test
    void utf8WithAByteOrderMarkKeepsItsFirstHeader() {
        byte[] body = (HEADER + "33120015,大阪,100,,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);

        CardFile file = reader.read(bytes, FileEncoding.AUTO, TODAY);

        assertEquals(FileEncoding.UTF_8, file.encoding());
        assertEquals(List.of(), file.problems(), "保険者番号 is found although the file starts with a BOM");
        assertEquals("33120015", file.rows().get(0).item().getInsurerNumber());
        assertEquals(TODAY.toString(), file.rows().get(0).item().getTargetDate(), "an empty target date is today");
        // The same file chosen as UTF-8 explicitly.
        assertEquals(List.of(), reader.read(bytes, FileEncoding.UTF_8, TODAY).problems());
    }

    @Test
    void utf8WithoutAByteOrderMarkIsDetected() {
        CardFile file = reader.read(("記号,番号,保険者番号\n大阪,100,33120015\n").getBytes(StandardCharsets.UTF_8),
                FileEncoding.AUTO, TODAY);

        assertEquals(FileEncoding.UTF_8, file.encoding());
        assertEquals("大阪", file.rows().get(0).item().getSymbol(), "columns are found by header, in any order");
    }

    @Test
    void aWrongChoiceOfEncodingIsRefusedWithAMessage() {
        byte[] sjis = (HEADER + "33120015,大阪,100,,,\r\n").getBytes(SJIS);

        CardFileRefused refused = assertThrows(CardFileRefused.class,
                () -> reader.read(sjis, FileEncoding.UTF_8, TODAY));

        assertTrue(refused.getMessage().contains("UTF-8 として読めない文字"), refused.getMessage());
    }

    @Test
    void problemsAreReportedByTheFilesLineAlsoAfterAQuotedLineBreak() {
        String text = HEADER
                + "33120015,\"大\n阪\",100,,,\n"       // lines 2-3: one record with a line break in a quoted value
                + "1234567,大阪,100,,,\n"              // line 4: 7 digits
                + "\n"                                  // line 5: empty, skipped
                + "33120015,,100,1,2026-02-30,\n"      // line 6: three problems
                + "33120015,大阪,100,,2026-01-01,2027-01-01\n" // line 7: born after the target date
                + "33120015,大阪\n";                   // line 8: too few columns

        CardFile file = reader.read(text.getBytes(StandardCharsets.UTF_8), FileEncoding.AUTO, TODAY);

        assertEquals(List.of(
                "4行目: 保険者番号は6桁または8桁の数字です",
                "6行目: 記号を入力してください",
                "6行目: 枝番は2桁の数字です（ない場合は空欄）",
                "6行目: 対象年月日は正しい日付で入力してください（例: 2005-07-08）",
                "7行目: 生年月日が対象年月日より後の日付です",
                "8行目: 列の数が見出しと違います（見出しは6列、この行は2列）"),
                file.problems().stream().map(RowProblem::text).toList());
        assertEquals(2, file.rows().get(0).line(), "the record with a quoted line break starts on line 2");
    }

    @Test
    void unknownOrMissingHeadersAreReportedOnLineOne() {
        CardFile file = reader.read("保険者番号,記号,患者ID\n33120015,大阪,9\n".getBytes(StandardCharsets.UTF_8),
                FileEncoding.AUTO, TODAY);

        assertEquals(List.of("1行目: 見出し「患者ID」は使えません。使える見出しは 保険者番号,記号,番号,枝番,対象年月日,生年月日 です",
                "1行目: 見出しに「番号」の列がありません"), file.problems().stream().map(RowProblem::text).toList());
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItsRecordStarts() {
        String text = HEADER + "33120015,大阪,100,,,\n33120015,\"大阪,100,,,\n33120015,大阪,100,,,\n";

        CardFile file = reader.read(text.getBytes(StandardCharsets.UTF_8), FileEncoding.AUTO, TODAY);

        assertEquals(List.of(), file.rows());
        assertEquals(3, file.problems().get(0).line(), file.problems().toString());
    }

    @Test
    void moreRowsThanTheLimitAreRefused() {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 101; i++) {
            text.append("33120015,大阪,100,,,\n");
        }

        CardFileRefused refused = assertThrows(CardFileRefused.class,
                () -> reader.read(text.toString().getBytes(StandardCharsets.UTF_8), FileEncoding.AUTO, TODAY));

        assertEquals("行数が上限の 100 行を超えています。ファイルを分けてください", refused.getMessage());
        assertEquals(100, reader.read(text.substring(0, text.lastIndexOf("33120015")).getBytes(StandardCharsets.UTF_8),
                FileEncoding.AUTO, TODAY).rows().size(), "exactly the limit is accepted");
    }

    @Test
    void aFileWithoutCardsIsRefused() {
        assertThrows(CardFileRefused.class, () -> reader.read(HEADER.getBytes(StandardCharsets.UTF_8),
                FileEncoding.AUTO, TODAY));
        assertThrows(CardFileRefused.class, () -> reader.read(new byte[0], FileEncoding.AUTO, TODAY));
    }
}
