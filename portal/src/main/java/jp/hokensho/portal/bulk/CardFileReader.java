package jp.hokensho.portal.bulk;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.portal.verify.VerificationForm;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an uploaded card file: a header row naming the columns ({@link CardColumn}), then one card per record.
 * Every record is checked with the rules of 個別認証 and each problem is reported by the file's line number
 * (counted from the text, since a quoted value with a line break makes the parser's record number differ).
 * An empty 対象年月日 means today in Japan; dates may be written 2005-07-08 or 2005/7/8 (as Excel saves them).
 */
public final class CardFileReader {
    private static final Pattern SLASH_DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private final int maxRows;

    public CardFileReader(int maxRows) {
        this.maxRows = maxRows;
    }

    /** @param today the target date of a row that leaves it empty */
    public CardFile read(byte[] bytes, FileEncoding chosen, LocalDate today) {
        FileEncoding.Decoded decoded = chosen.decode(bytes);
        String text = decoded.text();
        if (text.isBlank()) {
            throw new CardFileRefused("ファイルが空です。1行目に見出し、2行目から保険証を1枚1行で書いてください");
        }
        LineNumbers lines = new LineNumbers(text);
        List<CardRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        // Line breaks read so far (quoted ones included): the next record starts on the line after them.
        long linesRead = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Map<CardColumn, Integer> columns = columns(parser.getHeaderNames(), problems);
            if (!problems.isEmpty()) {
                return new CardFile(decoded.encoding(), List.of(), problems);
            }
            int headerSize = parser.getHeaderNames().size();
            linesRead = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                linesRead = parser.getCurrentLineNumber();
                if (rows.size() + 1 > maxRows) {
                    throw new CardFileRefused(String.format("行数が上限の %,d 行を超えています。ファイルを分けてください", maxRows));
                }
                int line = lines.lineAt(firstCharacter(text, record.getCharacterPosition()));
                CardRow row = row(record, line, columns, headerSize, today, problems);
                if (row != null) {
                    rows.add(row);
                }
            }
        } catch (UncheckedIOException | IOException | IllegalArgumentException | IllegalStateException e) {
            // Unbalanced quotes and the like: the parser stops there, so the file cannot be read any further.
            problems.add(new RowProblem((int) linesRead + 1,
                    "この行からCSVとして読めません（引用符 \" の対応などをご確認ください）"));
            return new CardFile(decoded.encoding(), List.of(), problems);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            throw new CardFileRefused("見出しの後に保険証の行がありません");
        }
        return new CardFile(decoded.encoding(), List.copyOf(rows), List.copyOf(problems));
    }

    /** A record's position is where the parser began, before the empty lines it skipped: its first character. */
    private static long firstCharacter(String text, long position) {
        int i = (int) position;
        while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static Map<CardColumn, Integer> columns(List<String> headers, List<RowProblem> problems) {
        Map<CardColumn, Integer> columns = new EnumMap<>(CardColumn.class);
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            CardColumn column = CardColumn.byHeader(header);
            if (column == null) {
                problems.add(new RowProblem(1, "見出し「" + header + "」は使えません。使える見出しは "
                        + String.join(",", CardColumn.headers()) + " です"));
            } else if (columns.containsKey(column)) {
                problems.add(new RowProblem(1, "見出し「" + header + "」が2回あります"));
            } else {
                columns.put(column, i);
            }
        }
        for (CardColumn column : CardColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(new RowProblem(1, "見出しに「" + column.header() + "」の列がありません"));
            }
        }
        return columns;
    }

    private static CardRow row(CSVRecord record, int line, Map<CardColumn, Integer> columns, int headerSize,
                               LocalDate today, List<RowProblem> problems) {
        if (record.size() != headerSize) {
            problems.add(new RowProblem(line, "列の数が見出しと違います（見出しは" + headerSize + "列、この行は"
                    + record.size() + "列）"));
            return null;
        }
        String insurerNumber = value(record, columns, CardColumn.INSURER_NUMBER);
        String symbol = value(record, columns, CardColumn.SYMBOL);
        String number = value(record, columns, CardColumn.NUMBER);
        String branchNumber = value(record, columns, CardColumn.BRANCH_NUMBER);
        String targetDate = value(record, columns, CardColumn.TARGET_DATE);
        String birthDate = value(record, columns, CardColumn.BIRTH_DATE);
        String target = targetDate.isEmpty() ? today.toString() : isoDate(targetDate);
        VerificationForm form = new VerificationForm(insurerNumber, symbol, number, branchNumber, target,
                isoDate(birthDate));
        Map<String, String> errors = form.validate();
        errors.values().forEach(message -> problems.add(new RowProblem(line, message)));
        if (!errors.isEmpty()) {
            return null;
        }
        var query = form.toQuery();
        if (query.getBirthDate() != null && query.getBirthDate().isAfter(query.getTargetDate())) {
            problems.add(new RowProblem(line, "生年月日が対象年月日より後の日付です"));
            return null;
        }
        BatchItem item = new BatchItem();
        item.setInsurerNumber(query.getInsurerNumber());
        item.setSymbol(query.getSymbol());
        item.setNumber(query.getNumber());
        item.setBranchNumber(query.getBranchNumber());
        item.setTargetDate(query.getTargetDate().toString());
        item.setBirthDate(query.getBirthDate() == null ? null : query.getBirthDate().toString());
        return new CardRow(line, insurerNumber, symbol, number, branchNumber, targetDate, birthDate, item);
    }

    private static String value(CSVRecord record, Map<CardColumn, Integer> columns, CardColumn column) {
        Integer index = columns.get(column);
        return index == null ? "" : record.get(index).strip();
    }

    /** 2005/7/8 → 2005-07-08; anything else is left for the checks to judge. */
    static String isoDate(String value) {
        Matcher slash = SLASH_DATE.matcher(value);
        if (!slash.matches()) {
            return value;
        }
        try {
            return LocalDate.of(Integer.parseInt(slash.group(1)), Integer.parseInt(slash.group(2)),
                    Integer.parseInt(slash.group(3))).toString();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return value;
        }
    }

    /** Line numbers (from 1) of character positions in the text; CRLF, LF and a lone CR each end a line. */
    private static final class LineNumbers {
        private final List<Integer> starts = new ArrayList<>();

        LineNumbers(String text) {
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    starts.add(i + 1);
                }
            }
        }

        int lineAt(long position) {
            int low = 0;
            int high = starts.size() - 1;
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (starts.get(middle) <= position) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            return low + 1;
        }
    }
}
