package jp.hokensho.insurer.card;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes a whole CSV file, reporting every line holding bytes that are not valid in the encoding (instead of
 * the JDK's single error without a position), so a wrongly chosen --encoding is named line by line.
 */
final class CsvDecoder {
    private final CharBuffer out;
    private int counted;
    private int line = 1;
    private boolean afterCr;

    private CsvDecoder(int capacity) {
        this.out = CharBuffer.allocate(capacity);
    }

    /** The text, with U+FFFD where bytes were invalid; one error per affected line is added to {@code errors}. */
    static String decode(byte[] bytes, Charset charset, List<String> errors) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Both encodings give at most one char per byte; each replacement consumes at least one byte.
        CsvDecoder d = new CsvDecoder((int) (bytes.length * decoder.maxCharsPerByte()) + 16);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Set<Integer> badLines = new TreeSet<>();
        while (true) {
            CoderResult result = decoder.decode(in, d.out, true);
            if (result.isError()) {
                badLines.add(d.currentLine());
                d.out.put('\uFFFD');
                in.position(in.position() + result.length());
            } else if (result.isUnderflow()) {
                decoder.flush(d.out);
                break;
            } else {
                throw new IllegalStateException("decoder output overflow: " + result);
            }
        }
        for (int bad : badLines) {
            errors.add("line " + bad + ": not valid " + CsvEncoding.label(charset)
                    + " text (is the file in another encoding? see --encoding)");
        }
        d.out.flip();
        return d.out.toString();
    }

    /** Line of the next character, counting breaks as CsvReader does (CRLF, CR and LF each end one line). */
    private int currentLine() {
        for (; counted < out.position(); counted++) {
            char c = out.get(counted);
            if (c == '\r' || (c == '\n' && !afterCr)) {
                line++;
            }
            afterCr = c == '\r';
        }
        return line;
    }
}
