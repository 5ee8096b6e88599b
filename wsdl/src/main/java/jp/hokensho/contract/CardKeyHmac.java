package jp.hokensho.contract;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names a card in a log without its symbol and number: an HMAC-SHA256 of its normalised key (insurer, symbol,
 * number). A plain hash would not do: card keys are short and guessable, so anyone could hash every symbol and
 * number and read the log back; without the secret key that is impossible. The same key on the center and an
 * adapter gives the same name, so both logs can be matched by someone holding neither card list.
 */
public final class CardKeyHmac {
    /** A key of at least 256 bits: HMAC-SHA256's own strength. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    // Between the three parts so that ("東京1", "23") and ("東京", "123") differ.
    private static final char SEPARATOR = '\u001f';
    /** 128 bits: ample to tell cards apart, short enough to read. */
    private static final int SHOWN_BYTES = 16;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private CardKeyHmac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @param base64Key the secret from configuration, base64 (standard or URL-safe) of at least
     *                  {@value #MIN_KEY_BYTES} bytes
     * @param settingName the configuration key it came from, named in the error when it is unusable
     */
    public static CardKeyHmac fromBase64(String base64Key, String settingName) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(settingName + " is not set: give it a random key of at least "
                    + MIN_KEY_BYTES + " bytes, base64-encoded (e.g. `openssl rand -base64 32`)");
        }
        byte[] key;
        try {
            String text = base64Key.strip();
            key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settingName + " is not base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(settingName + " is too short: " + key.length + " bytes, at least "
                    + MIN_KEY_BYTES + " needed");
        }
        return new CardKeyHmac(key);
    }

    /** A new random key in the form {@link #fromBase64} reads (for the demo and tests). */
    public static String randomKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The card's name for logs: the same for every way of typing it (see {@link CardKeys}). */
    public String of(String insurerNumber, String symbol, String number) {
        String text = CardKeys.normalise(nullToEmpty(insurerNumber)) + SEPARATOR
                + CardKeys.normalise(nullToEmpty(symbol)) + SEPARATOR + CardKeys.normalise(nullToEmpty(number));
        byte[] digest = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return "card#" + HexFormat.of().formatHex(digest, 0, SHOWN_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        return "CardKeyHmac[key hidden]";
    }
}
