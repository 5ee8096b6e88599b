package jp.hokensho.contract;

import java.text.Normalizer;

/**
 * Normalises the values people type from a card (insurer number, symbol, number, branch) so that the
 * same card is found whether typed in full-width or half-width: Unicode NFKC, then trimmed. Every party
 * applies it at registration and at query time, and stores the normalised form.
 */
public final class CardKeys {
    private CardKeys() {
    }

    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        // Inner runs of spaces are kept as one: "東 京" and "東　京" are the same symbol.
        return folded.replaceAll("\\s+", " ");
    }
}
