package jp.hokensho.portal.bulk;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The encodings a card file may come in. Shift_JIS is read and written as Windows-31J (MS932), what Japanese
 * Windows and Excel actually write: it has the NEC and IBM extensions (①, Ⅱ, 髙, 﨑) that strict Shift_JIS lacks.
 */
public enum FileEncoding {
    /** Detected: a UTF-8 byte-order mark, else valid UTF-8, else valid Shift_JIS. */
    AUTO("自動判別", null),
    UTF_8("UTF-8", StandardCharsets.UTF_8),
    SHIFT_JIS("Shift_JIS", Charset.forName("windows-31j"));

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String label;
    private final Charset charset;

    FileEncoding(String label, Charset charset) {
        this.label = label;
        this.charset = charset;
    }

    public String label() {
        return label;
    }

    Charset charset() {
        return charset;
    }

    /** The form's value ({@code AUTO}, {@code UTF_8}, {@code SHIFT_JIS}); anything else is automatic detection. */
    public static FileEncoding of(String value) {
        for (FileEncoding encoding : values()) {
            if (encoding.name().equals(value)) {
                return encoding;
            }
        }
        return AUTO;
    }

    /** The file's text, without a byte-order mark; {@link CardFileRefused} when it is not in this encoding. */
    Decoded decode(byte[] bytes) {
        boolean bom = bytes.length >= 3 && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3);
        byte[] body = bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
        if (this == AUTO) {
            if (bom) {
                return new Decoded(UTF_8, strict(body, StandardCharsets.UTF_8, "UTF-8（BOM付き）として読めない文字があります"));
            }
            String utf8 = lenient(body, StandardCharsets.UTF_8);
            if (utf8 != null) {
                return new Decoded(UTF_8, utf8);
            }
            String sjis = lenient(body, SHIFT_JIS.charset);
            if (sjis != null) {
                return new Decoded(SHIFT_JIS, sjis);
            }
            throw new CardFileRefused("文字コードを判別できませんでした。UTF-8 または Shift_JIS で保存したファイルを選んでください");
        }
        if (this == SHIFT_JIS && bom) {
            throw new CardFileRefused("UTF-8 の印（BOM）が付いたファイルです。文字コードは「UTF-8」か「自動判別」を選んでください");
        }
        return new Decoded(this, strict(body, charset, label + " として読めない文字があります。文字コードの選択をご確認ください"));
    }

    private static String strict(byte[] bytes, Charset charset, String refusal) {
        String text = lenient(bytes, charset);
        if (text == null) {
            throw new CardFileRefused(refusal);
        }
        return text;
    }

    /** The text, or null when a byte sequence is not valid in {@code charset}. */
    private static String lenient(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A decoded file and the encoding it was read in. */
    record Decoded(FileEncoding encoding, String text) {
    }
}
