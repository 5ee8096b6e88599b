package jp.hokensho.portal.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The seal's text: versioned, CRC-32 checked, kanji in UTF-8; anything else refused with its reason. */
class SealPayloadTest {
    private static final SealPayload SEED = new SealPayload("00000001", "東京", "001", "");

    @Test
    void roundTripWithKanjiAndBranch() {
        SealPayload card = new SealPayload("33120015", "大阪𠮷", "１００", "02");

        String text = card.encode();

        assertTrue(text.startsWith("HKS1|33120015|大阪𠮷|１００|02|"), text);
        assertEquals(card, SealPayload.decode(text));
        assertEquals(SEED, SealPayload.decode(SEED.encode()));
        assertEquals(SEED, SealPayload.decode(SEED.encode() + "\r\n"), "a scanner's line end is not part of it");
    }

    @Test
    void theChecksumIsTheCrc32OfTheUtf8BytesBeforeIt() {
        String body = "HKS1|00000001|東京|001||";
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));

        assertEquals(body + String.format("%08X", crc.getValue()), SEED.encode());
    }

    @Test
    void oneDigitChangedWithTheChecksumUnchangedIsRefused() {
        String altered = SEED.encode().replace("|001|", "|002|");

        SealRefused refused = assertThrows(SealRefused.class, () -> SealPayload.decode(altered));

        assertEquals(SealRefused.Reason.CHECKSUM, refused.reason());
        assertEquals("シールの内容が壊れているか書き換えられています（チェックサムが一致しません）。保険証を見て手で入力してください。",
                refused.getMessage());
    }

    @Test
    void aDamagedChecksumIsRefused() {
        String text = SEED.encode();
        String damaged = text.substring(0, text.length() - 1) + (text.endsWith("0") ? "1" : "0");

        assertEquals(SealRefused.Reason.CHECKSUM,
                assertThrows(SealRefused.class, () -> SealPayload.decode(damaged)).reason());
    }

    @Test
    void anUnknownVersionIsRefusedEvenWithAValidChecksum() {
        String body = "HKS2|00000001|東京|001||";
        String later = body + SealPayload.checksum(body);

        SealRefused refused = assertThrows(SealRefused.class, () -> SealPayload.decode(later));

        assertEquals(SealRefused.Reason.UNKNOWN_VERSION, refused.reason());
        assertTrue(refused.getMessage().contains("対応していない形式"), refused.getMessage());
    }

    @Test
    void aWrongFieldCountIsRefused() {
        String body = "HKS1|00000001|東京|001|";
        String shortOne = body + SealPayload.checksum(body);

        assertEquals(SealRefused.Reason.FIELD_COUNT,
                assertThrows(SealRefused.class, () -> SealPayload.decode(shortOne)).reason());
    }

    @Test
    void otherTextAndValuesOfTheWrongShapeAreRefused() {
        assertEquals(SealRefused.Reason.NOT_A_SEAL,
                assertThrows(SealRefused.class, () -> SealPayload.decode("https://example.com/")).reason());
        assertEquals(SealRefused.Reason.NOT_A_SEAL,
                assertThrows(SealRefused.class, () -> SealPayload.decode("")).reason());
        String body = "HKS1|0000001|東京|001||";
        assertEquals(SealRefused.Reason.BAD_VALUE,
                assertThrows(SealRefused.class, () -> SealPayload.decode(body + SealPayload.checksum(body))).reason());
    }

    @Test
    void aValueWithTheSeparatorCannotBeCarried() {
        assertThrows(IllegalArgumentException.class, () -> new SealPayload("00000001", "東|京", "001", ""));
    }
}
