package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A card's name in logs: stable per key, the same however the card was typed, unreadable without the key. */
class CardKeyHmacTest {
    private final CardKeyHmac hmac = CardKeyHmac.fromBase64(CardKeyHmac.randomKey(), "test.key");

    @Test
    void sameCardSameNameHoweverTyped() {
        assertEquals(hmac.of("00000001", "東京", "001"), hmac.of("０００００００１", " 東京 ", "００１"));
    }

    @Test
    void nameHidesTheKeyAndTellsCardsApart() {
        String name = hmac.of("00000001", "東京", "001");
        assertTrue(name.matches("card#[0-9a-f]{32}"), name);
        assertFalse(name.contains("東京") || name.contains("001"), name);
        assertNotEquals(name, hmac.of("00000001", "東京", "002"));
        assertNotEquals(hmac.of("00000001", "東京1", "23"), hmac.of("00000001", "東京", "123"),
                "the parts are kept apart");
    }

    @Test
    void anotherKeyGivesAnotherName() {
        CardKeyHmac other = CardKeyHmac.fromBase64(CardKeyHmac.randomKey(), "test.key");
        assertNotEquals(hmac.of("00000001", "東京", "001"), other.of("00000001", "東京", "001"));
    }

    @Test
    void missingShortOrUnreadableKeyIsRefusedNamingTheSetting() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : new String[] {null, " ", shortKey, "not base64 !"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CardKeyHmac.fromBase64(bad, "center.log.card-hmac-key"));
            assertTrue(e.getMessage().startsWith("center.log.card-hmac-key"), e.getMessage());
        }
    }
}
