package jp.hokensho.insurer.card;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes), remembering each record's line.
 */
final class CsvReader {
    record Record(int line, List<String> fields) {
    }

    private final List<Record> records = new ArrayList<>();
    private List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private boolean fieldStarted;
    private int recordLine = 1;

    private CsvReader() {
    }

    /** Blank lines are skipped; a leading byte-order mark (as spreadsheet programs write) is ignored. */
    static List<Record> read(Reader in) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) != -1; ) {
            all.append(buf, 0, n);
        }
        String text = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
        return new CsvReader().parse(text);
    }

    private List<Record> parse(String text) throws IOException {
        int line = 1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord();
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new IOException("line " + recordLine + ": unterminated quoted field");
        }
        endRecord();
        return records;
    }

    private void endRecord() {
        if (!fields.isEmpty() || fieldStarted) {
            fields.add(field.toString());
            records.add(new Record(recordLine, fields));
        }
        fields = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
    }
}
