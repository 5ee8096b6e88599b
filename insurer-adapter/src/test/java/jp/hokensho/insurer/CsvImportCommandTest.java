package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code import} command on the embedded database: encodings, every rule with its line, all or nothing,
 * idempotent re-imports, the check digit per setting.
 */
class CsvImportCommandTest {
    static final Charset MS932 = Charset.forName("windows-31j");
    static final String T = "2024-04-01T09:00:00+09:00";

    @TempDir
    Path dir;
    AdapterDatabase db;
    String out;
    String err;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** A config file for a real-time adapter serving both test insurers; keys need not exist for imports. */
    Path config(boolean checkDigitRequired) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdapterSettings.INSURER_NUMBERS, "00000001,33120015");
        p.setProperty(AdapterSettings.DATA_DIR, dir.resolve("data").toString());
        p.setProperty(AdapterSettings.KEYSTORE_PATH, "insurer.p12");
        p.setProperty(AdapterSettings.KEYSTORE_PASSWORD, "unused");
        p.setProperty(AdapterSettings.KEYSTORE_ALIAS, "insurer");
        p.setProperty(AdapterSettings.TRUSTSTORE_PATH, "trust.p12");
        p.setProperty(AdapterSettings.TRUSTSTORE_PASSWORD, "unused");
        p.setProperty(AdapterSettings.CENTER_SUBJECT_CONSTRAINT, TestPki.CENTER_CONSTRAINT);
        p.setProperty(AdapterSettings.CENTER_USERNAME, "center-service");
        p.setProperty(AdapterSettings.CENTER_PASSWORD_HASH, "pbkdf2$1$AAAA$AAAA");
        p.setProperty(AdapterSettings.CHECK_DIGIT_REQUIRED, String.valueOf(checkDigitRequired));
        p.setProperty(AdapterSettings.USERS_PASSWORD_ITERATIONS, "1000");
        Path file = dir.resolve("adapter-" + checkDigitRequired + ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        return file;
    }

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = TestOperators.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    int importFile(Path config, String csv, Charset charset, String... encoding) throws Exception {
        Path file = dir.resolve("cards-" + System.nanoTime() + ".csv");
        Files.write(file, csv.getBytes(charset));
        List<String> args = new ArrayList<>(List.of("import", "--config", config.toString(), "--file", file.toString()));
        args.addAll(Arrays.asList(encoding));
        return run(args.toArray(new String[0]));
    }

    /** Every row of the card tables and the change counter: what "nothing changed" compares. */
    List<String> snapshot() throws Exception {
        if (db == null) {
            db = AdapterCommands.open(AdapterSettings.load(config(false)));
        }
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM insurer_card ORDER BY id",
                    "SELECT * FROM insurer_card_person ORDER BY card_id, branch_number",
                    "SELECT * FROM card_change_counter")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(';');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    static String badFile() {
        return TestCsv.HEADER
                + TestCsv.row("33120015", "大阪", "500", "00", "良い 行", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "501", "00", "日付 悪い", "", "MALE", "1970-02-30", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "502", "00", "性別 悪い", "", "女", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "503", "00", "喪失 早い", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "2020-04-01", "2019-03-31", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "504", "00", "未来 生まれ", "", "MALE", "2999-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "505", "00", "本人 太郎", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "505", "01", "長男 花子", "", "FEMALE", "1999-01-01", "ELDEST_SON", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "505", "02", "配偶者 一", "", "FEMALE", "1971-01-01", "SPOUSE", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "505", "03", "配偶者 二", "", "FEMALE", "1972-01-01", "SPOUSE", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "506", "1", "枝番 悪い", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T)
                + TestCsv.row("33120015", "大阪", "507", "00", "負担 悪い", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "", "", "130", "", "", T);
    }

    /** The line-numbered errors, in order, from the command's error output. */
    List<String> errorLines() {
        return Arrays.stream(err.split("\n")).map(String::strip).filter(l -> l.startsWith("line "))
                .collect(Collectors.toList());
    }

    @Test
    void badRowsInUtf8AreAllReportedByLineAndNothingIsStored() throws Exception {
        Path config = config(true);
        assertEquals(0, importFile(config, TestCsv.households("33120015", 1, 2), StandardCharsets.UTF_8), err);
        List<String> before = snapshot();

        assertEquals(1, importFile(config, badFile(), StandardCharsets.UTF_8), out);
        String all = String.join("\n", errorLines());
        assertTrue(all.contains("line 3: birth_date must be a date"), all);
        assertTrue(all.contains("line 4: sex must be one of [MALE, FEMALE], got '女'"), all);
        assertTrue(all.contains("line 5: qualification_lost is before qualification_acquired"), all);
        assertTrue(all.contains("line 6: birth_date 2999-01-01 is in the future"), all);
        assertTrue(all.contains("line 8: relationship ELDEST_SON does not go with sex FEMALE"), all);
        assertTrue(all.contains("line 10: relationship SPOUSE already on this card (branch 02)"), all);
        assertTrue(all.contains("line 11: branch must be 2 digits"), all);
        assertTrue(all.contains("line 12: copayment_percent must be 0 to 100"), all);
        assertFalse(all.contains("line 2:") || all.contains("line 7:") || all.contains("line 9:"), all);
        assertTrue(err.contains("nothing changed"), err);
        assertEquals(before, snapshot(), "the good rows of a refused file are not stored either");
    }

    @Test
    void badRowsInShiftJisGiveTheSameErrorsAndNothingIsStored() throws Exception {
        Path config = config(true);
        assertEquals(1, importFile(config, badFile(), StandardCharsets.UTF_8));
        List<String> utf8Errors = errorLines();
        List<String> before = snapshot();

        assertEquals(1, importFile(config, badFile(), MS932, "--encoding", "Shift_JIS"), out);
        assertEquals(utf8Errors, errorLines(), "the same rows are refused for the same reasons");
        assertTrue(err.contains("性別 悪い") || err.contains("'女'"), "kanji read back intact: " + err);
        assertEquals(before, snapshot());
    }

    @Test
    void aShiftJisFileWithKanjiKanaAndWindowsCharactersImportsCorrectly() throws Exception {
        // Strict Shift_JIS cannot even hold ① (an NEC extension): back offices write MS932.
        assertFalse(Charset.forName("Shift_JIS").newEncoder().canEncode("①"));
        String csv = TestCsv.HEADER
                + TestCsv.row("33120015", "東京", "００７", "00", "髙橋 一郎", "ﾀｶﾊｼ ｲﾁﾛｳ", "MALE", "1960-05-05", "SELF",
                "2020-04-01", "2026-03-31", "2020-04-01", "", "30", "〇〇商事株式会社", "東京都港区港南１－９－１ ①号棟 ～3F", T)
                + TestCsv.row("33120015", "東京", "００７", "01", "髙橋 﨑子", "タカハシ サキコ", "FEMALE", "1962-06-06", "SPOUSE",
                "2020-04-01", "2026-03-31", "2020-04-01", "", "30", "〇〇商事株式会社", "東京都港区港南１－９－１ ①号棟 ～3F", T);
        Path config = config(true);
        assertEquals(0, importFile(config, csv, MS932, "--encoding", "Shift_JIS"), err);
        assertTrue(out.contains("1 new"), out);

        snapshot();
        CardData card = new CardRepository(db.dataSource()).find("33120015", "東京", "007").orElseThrow();
        assertEquals("東京", card.getSymbol());
        assertEquals("007", card.getNumber(), "the full-width number is stored normalised");
        assertEquals("髙橋 一郎", card.getInsured().getName());
        assertEquals("ﾀｶﾊｼ ｲﾁﾛｳ", card.getInsured().getNameKana(), "half-width kana kept as typed");
        assertEquals("髙橋 﨑子", card.getDependent().get(0).getName());
        assertEquals("タカハシ サキコ", card.getDependent().get(0).getNameKana());
        assertEquals("〇〇商事株式会社", card.getEmployer().getName());
        assertEquals("東京都港区港南１－９－１ ①号棟 ～3F", card.getEmployer().getAddress());
    }

    @Test
    void aShiftJisFileReadAsUtf8IsRefusedLineByLine() throws Exception {
        String csv = TestCsv.households("33120015", 1, 1);
        assertEquals(1, importFile(config(true), csv, MS932), out);
        assertEquals(List.of("line 2: not valid UTF-8 text (is the file in another encoding? see --encoding)",
                "line 3: not valid UTF-8 text (is the file in another encoding? see --encoding)"),
                errorLines().stream().filter(l -> l.contains("not valid")).collect(Collectors.toList()));
        assertTrue(snapshot().stream().noneMatch(r -> r.contains("insurer_number")), "nothing stored");
    }

    /** Addresses spanning lines (quoted line breaks) before bad rows: errors still cite the file's lines. */
    static String fileWithQuotedLineBreaks() {
        String address = "\"大阪府大阪市北区1-1\n梅田ビル 3F\"";
        return TestCsv.HEADER
                + TestCsv.row("33120015", "大阪", "600", "00", "本人 一郎", "", "MALE", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "株式会社テスト", address, T)
                + TestCsv.row("33120015", "大阪", "600", "01", "配偶 花子", "", "FEMALE", "1972-01-01", "SPOUSE", "2020-04-01", "", "", "", "30", "株式会社テスト", address, T)
                + "\n"
                + TestCsv.row("33120015", "大阪", "601", "00", "日付 悪い", "", "MALE", "1970-02-30", "SELF", "2020-04-01", "", "", "", "30", "株式会社テスト", address, T)
                + TestCsv.row("33120015", "大阪", "602", "00", "性別 悪い", "", "女", "1970-01-01", "SELF", "2020-04-01", "", "", "", "30", "", "", T);
    }

    @Test
    void quotedLineBreaksCountAsFileLinesInErrorsInBothEncodings() throws Exception {
        Path config = config(true);
        List<String> expected = List.of("line 7: birth_date must be a date like 2004-04-01, got '1970-02-30'",
                "line 9: sex must be one of [MALE, FEMALE], got '女'");
        assertEquals(1, importFile(config, "\uFEFF" + fileWithQuotedLineBreaks(), StandardCharsets.UTF_8), out);
        assertEquals(expected, errorLines());
        assertEquals(1, importFile(config, fileWithQuotedLineBreaks(), MS932, "--encoding", "Shift_JIS"), out);
        assertEquals(expected, errorLines());
        assertTrue(snapshot().stream().noneMatch(r -> r.contains("insurer_number")), "nothing stored");

        String good = fileWithQuotedLineBreaks().lines().limit(5).collect(Collectors.joining("\n", "", "\n"));
        assertEquals(0, importFile(config, good, MS932, "--encoding", "Shift_JIS"), err);
        CardData card = new CardRepository(db.dataSource()).find("33120015", "大阪", "600").orElseThrow();
        assertEquals("大阪府大阪市北区1-1\n梅田ビル 3F", card.getEmployer().getAddress());
        assertEquals("配偶 花子", card.getDependent().get(0).getName());
    }

    @Test
    void aUtf8ByteOrderMarkIsAcceptedAndAnUnknownEncodingIsAUsageError() throws Exception {
        Path config = config(true);
        assertEquals(0, importFile(config, "\uFEFF" + TestCsv.households("33120015", 1, 1), StandardCharsets.UTF_8), err);
        assertTrue(out.contains("1 new"), out);
        assertEquals(2, importFile(config, TestCsv.households("33120015", 1, 1), StandardCharsets.UTF_8,
                "--encoding", "EUC-JP"));
        assertTrue(err.contains("use UTF-8 or Shift_JIS"), err);
    }

    @Test
    void theCheckDigitIsEnforcedOnlyWhereTheInsurerRequiresIt() throws Exception {
        String demoInsurer = TestCsv.households("00000001", 1, 1);
        assertEquals(1, importFile(config(true), demoInsurer + TestCsv.households("33120015", 2, 2)
                .substring(TestCsv.HEADER.length()), StandardCharsets.UTF_8));
        assertEquals(List.of("line 2: insurer number 00000001 fails the check digit (adapter.check-digit-required)",
                "line 3: insurer number 00000001 fails the check digit (adapter.check-digit-required)"), errorLines());

        assertEquals(0, importFile(config(true), TestCsv.households("33120015", 2, 2), StandardCharsets.UTF_8), err);
        assertEquals(0, importFile(config(false), demoInsurer, StandardCharsets.UTF_8), err);
    }

    @Test
    void reimportingTheSameFileChangesNothingNotEvenTheChangeSequence() throws Exception {
        Path config = config(true);
        String csv = TestCsv.households("33120015", 1, 4);
        assertEquals(0, importFile(config, csv, StandardCharsets.UTF_8), err);
        assertTrue(out.contains("8 rows, 4 cards (4 new, 0 changed, 0 unchanged)"), out);
        List<String> before = snapshot();

        assertEquals(0, importFile(config, csv, StandardCharsets.UTF_8), err);
        assertTrue(out.contains("(0 new, 0 changed, 4 unchanged)"), out);
        assertEquals(before, snapshot());
    }

    @Test
    void syncAndReconcileAreOnlyForAPreStoredInsurer() throws Exception {
        Path config = config(true);
        assertEquals(2, run("sync", "--config", config.toString()));
        assertTrue(err.contains("adapter.mode is REAL_TIME"), err);
        assertEquals(2, run("reconcile", "--config", config.toString()));
        assertEquals(2, run("import", "--config", config.toString()));
        assertTrue(err.contains("Missing required option: '--file=CARDS.csv'"), err);
        assertEquals(2, run("end", "--config", config.toString(), "--symbol", "大阪", "--number", "1",
                "--lost-on", "2025-10-01"));
        assertTrue(err.contains("name one with --insurer"), err);
    }
}
