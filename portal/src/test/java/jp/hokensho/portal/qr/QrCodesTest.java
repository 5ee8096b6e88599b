package jp.hokensho.portal.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A rendered seal PNG decodes to the same text (kanji included); photos of it too; other bytes are refused. */
class QrCodesTest {
    private static final String SEAL = new SealPayload("00000001", "東京", "001", "").encode();
    private final QrCodes codes = new QrCodes(16_000_000);

    @Test
    void aRenderedPngDecodesToTheSamePayload() {
        byte[] png = QrCodes.png(SEAL, 8);

        assertEquals(Optional.of(SEAL), codes.read(png));
        assertEquals(new SealPayload("00000001", "東京", "001", ""), SealPayload.decode(codes.read(png).orElseThrow()));
    }

    @Test
    void aSmallerCodeOnAGreyBackgroundInAJpegIsRead() throws IOException {
        BufferedImage seal = ImageIO.read(new java.io.ByteArrayInputStream(QrCodes.png(SEAL, 3)));
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(0xB0B0B0));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(seal, 200, 120, null);
        g.dispose();

        assertEquals(Optional.of(SEAL), codes.read(encode(photo, "jpg")));
    }

    @Test
    void anImageWithoutACodeReadsAsNothing() throws IOException {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);

        assertEquals(Optional.empty(), codes.read(encode(blank, "png")));
    }

    @Test
    void bytesThatAreNoPngOrJpegAreRefused() {
        assertEquals(SealRefused.Reason.NOT_AN_IMAGE, assertThrows(SealRefused.class,
                () -> codes.read("GIF89a not an image".getBytes(StandardCharsets.US_ASCII))).reason());
    }

    @Test
    void aPictureWithTooManyPixelsIsRefusedBeforeItIsUnpacked() {
        byte[] png = QrCodes.png(SEAL, 8);

        SealRefused refused = assertThrows(SealRefused.class, () -> new QrCodes(10_000).read(png));

        assertEquals(SealRefused.Reason.TOO_LARGE, refused.reason());
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
