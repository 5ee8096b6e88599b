package jp.hokensho.insurer.card;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encodings a back-office CSV may come in: UTF-8 (with or without a byte-order mark) and Shift_JIS.
 * Shift_JIS is read as MS932 (Windows-31J), what Japanese Windows and Excel actually write: it maps the NEC
 * and IBM extensions (①, Ⅱ, 髙, 﨑) and reads 0x8160 as ～ (U+FF5E), where strict Shift_JIS has no ① at all.
 */
public final class CsvEncoding {
    public static final Charset MS932 = Charset.forName("windows-31j");

    private CsvEncoding() {
    }

    /** {@code UTF-8} or {@code Shift_JIS} (also SJIS, MS932, Windows-31J, CP932), case-insensitive. */
    public static Charset forName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "UTF_8":
            case "UTF8":
                return StandardCharsets.UTF_8;
            case "SHIFT_JIS":
            case "SJIS":
            case "MS932":
            case "WINDOWS_31J":
            case "CP932":
                return MS932;
            default:
                throw new IllegalArgumentException("unsupported encoding '" + name + "': use UTF-8 or Shift_JIS");
        }
    }

    /** The name users know the charset by, for messages. */
    static String label(Charset charset) {
        return charset.equals(MS932) ? "Shift_JIS (MS932)" : charset.name();
    }
}
