package jp.hokensho.insurer.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 4180 details the back office's spreadsheet exports rely on, and the line numbers errors cite. */
class CsvReaderTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        String csv = "\uFEFFa,b,c\r\n"
                + "1,\"東京都港区港南1-9-1, 品川ビル\",\"He said \"\"hi\"\"\"\r\n"
                + "\n"
                + "2,\"two\nlines\",\r\n"
                + "3,,\"\"";
        List<CsvReader.Record> records = CsvReader.read(new StringReader(csv));
        assertEquals(4, records.size());
        assertEquals(List.of("a", "b", "c"), records.get(0).fields());
        assertEquals(List.of("1", "東京都港区港南1-9-1, 品川ビル", "He said \"hi\""), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(List.of("2", "two\nlines", ""), records.get(2).fields());
        assertEquals(4, records.get(2).line(), "the blank line 3 is skipped but counted");
        assertEquals(List.of("3", "", ""), records.get(3).fields());
        assertEquals(6, records.get(3).line(), "a line break inside quotes counts as a line");
    }

    @Test
    void anUnterminatedQuoteNamesItsLine() {
        IOException e = assertThrows(IOException.class,
                () -> CsvReader.read(new StringReader("a,b\n1,\"open\n2,3\n")));
        assertEquals("line 2: unterminated quoted field", e.getMessage());
    }

    @Test
    void malformedRecordsAfterQuotedLineBreaksAndBlankLinesNameTheirFileLine() {
        String before = "a,b\r\n1,\"two\r\nlines\"\r\n\r\n";
        IOException trailing = assertThrows(IOException.class,
                () -> CsvReader.read(new StringReader(before + "2,\"x\"y\r\n")));
        assertEquals("line 5: text after a closing quote (a quote inside a quoted field must be doubled)",
                trailing.getMessage());
        IOException open = assertThrows(IOException.class,
                () -> CsvReader.read(new StringReader(before + "2,\"open\r\n3,4\r\n")));
        assertEquals("line 5: unterminated quoted field", open.getMessage());
    }

    @Test
    void onlyTheLeadingByteOrderMarkIsDropped() throws IOException {
        List<CsvReader.Record> records = CsvReader.read(new StringReader("\uFEFFname\r\n\uFEFFx\r\n"));
        assertEquals(List.of("name"), records.get(0).fields());
        assertEquals(List.of("\uFEFFx"), records.get(1).fields());
    }
}
