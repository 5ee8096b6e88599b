package jp.hokensho.insurer.card;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes) with Apache Commons CSV,
 * remembering the file line each record starts on.
 */
final class CsvReader {
    record Record(int line, List<String> fields) {
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final String text;
    private final int[] lineStarts;

    private CsvReader(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** Blank lines are skipped; a leading byte-order mark (as spreadsheet programs write) is ignored. */
    static List<Record> read(Reader in) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) != -1; ) {
            all.append(buf, 0, n);
        }
        // Commons CSV would keep the mark as part of the first header name.
        String text = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
        return new CsvReader(text).parse();
    }

    private List<Record> parse() throws IOException {
        List<Record> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                // Line breaks consumed so far: the next record starts on the line after them (or after blank lines).
                long breaksBefore = parser.getCurrentLineNumber();
                try {
                    if (!it.hasNext()) {
                        return records;
                    }
                    CSVRecord record = it.next();
                    records.add(new Record(lineOf(record.getCharacterPosition()), record.toList()));
                } catch (UncheckedIOException e) {
                    int line = lineOf(lineStarts[(int) Math.min(breaksBefore, lineStarts.length - 1)]);
                    throw new IOException("line " + line + ": " + describe(e.getCause()), e);
                }
            }
        }
    }

    /**
     * The record's record number is not its line (quoted fields may hold line breaks), and its character position
     * is taken before skipped blank lines: the line is found from the first character after those.
     */
    private int lineOf(long position) {
        int start = (int) position;
        while (start < text.length() && (text.charAt(start) == '\r' || text.charAt(start) == '\n')) {
            start++;
        }
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= start) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    /** Offsets where each line begins; CRLF, CR and LF each end one line, as Commons CSV counts them. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\r' || c == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String describe(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "unterminated quoted field";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote (a quote inside a quoted field must be doubled)";
        }
        return "malformed CSV: " + message;
    }
}
