package jp.hokensho.portal.qr;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * What a seal's QR code carries: {@code HKS1|insurer|symbol|number|branch|CRC32} in UTF-8. The fields are the
 * card's as verified (branch empty when the card has none); the last field is the CRC-32 of the UTF-8 bytes of
 * everything before it, separator included, as 8 upper-case hex digits. A checksum is enough: every seal is
 * verified online again, so a forged seal gains nothing over typing the numbers; it only catches damage and
 * clumsy edits. The version prefix lets a later format be told apart and refused by this one.
 */
public record SealPayload(String insurerNumber, String symbol, String number, String branchNumber) {
    public static final String VERSION = "HKS1";
    private static final String SEPARATOR = "|";
    private static final int FIELDS = 6;
    private static final int MAX_TEXT_LENGTH = 40;

    /** @throws IllegalArgumentException when a value cannot be carried (a verified card always can) */
    public SealPayload {
        branchNumber = branchNumber == null ? "" : branchNumber;
        if (!insurerNumber.matches("\\d{6}|\\d{8}") || !branchNumber.matches("(\\d{2})?") || !text(symbol)
                || !text(number)) {
            throw new IllegalArgumentException("a seal carries a 6 or 8 digit insurer number, a symbol and a number "
                    + "of 1 to " + MAX_TEXT_LENGTH + " characters without '|', and an empty or 2 digit branch");
        }
    }

    private static boolean text(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_TEXT_LENGTH && !value.contains(SEPARATOR)
                && value.strip().equals(value);
    }

    /** The text of the QR code. */
    public String encode() {
        String body = String.join(SEPARATOR, VERSION, insurerNumber, symbol, number, branchNumber) + SEPARATOR;
        return body + checksum(body);
    }

    /**
     * Reads a seal's text (a keyboard-wedge scanner's line, or a decoded image).
     *
     * @throws SealRefused with the message for the person at the counter when the text is not an intact seal
     */
    public static SealPayload decode(String text) {
        String line = text == null ? "" : text.strip();
        String[] fields = line.split("\\" + SEPARATOR, -1);
        if (!fields[0].matches("HKS\\d+")) {
            throw new SealRefused(SealRefused.Reason.NOT_A_SEAL);
        }
        if (!VERSION.equals(fields[0])) {
            throw new SealRefused(SealRefused.Reason.UNKNOWN_VERSION);
        }
        if (fields.length != FIELDS) {
            throw new SealRefused(SealRefused.Reason.FIELD_COUNT);
        }
        String body = line.substring(0, line.lastIndexOf(SEPARATOR) + 1);
        if (!checksum(body).equals(fields[FIELDS - 1].toUpperCase(Locale.ROOT))) {
            throw new SealRefused(SealRefused.Reason.CHECKSUM);
        }
        try {
            return new SealPayload(fields[1], fields[2], fields[3], fields[4]);
        } catch (IllegalArgumentException e) {
            throw new SealRefused(SealRefused.Reason.BAD_VALUE);
        }
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().withUpperCase().toHexDigits((int) crc.getValue());
    }
}
