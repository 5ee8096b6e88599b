package jp.hokensho.portal.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * QR codes with ZXing's core: a payload drawn as a PNG (black modules on white, a 4-module quiet zone), and the
 * text of the QR code in an uploaded PNG or JPEG. Images are checked for their size in pixels before they are
 * decoded, so a small file cannot unpack into a huge picture.
 */
public final class QrCodes {
    private static final String UTF_8 = "UTF-8";
    private static final int QUIET_ZONE_MODULES = 4;
    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private final long maxPixels;

    public QrCodes(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The payload as a PNG, each module {@code modulePixels} square; UTF-8 (with its ECI mark) for the kanji. */
    public static byte[] png(String payload, int modulePixels) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.CHARACTER_SET, UTF_8,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the payload does not fit in a QR code", e);
        }
        int size = matrix.getWidth() * modulePixels;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, matrix.get(x / modulePixels, y / modulePixels) ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /**
     * The text of the QR code in a PNG or JPEG image, empty when none can be read in it.
     *
     * @throws SealRefused when the bytes are not a PNG or JPEG, or the picture has too many pixels
     */
    public Optional<String> read(byte[] imageBytes) {
        BufferedImage image = image(imageBytes);
        int width = image.getWidth();
        int height = image.getHeight();
        LuminanceSource source = new RGBLuminanceSource(width, height,
                image.getRGB(0, 0, width, height, null, 0, width));
        Map<DecodeHintType, Object> hints = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
                DecodeHintType.CHARACTER_SET, UTF_8);
        // The hybrid binarizer copes with uneven light (camera frames); the global one with small, clean codes.
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            try {
                return Optional.of(new QRCodeReader().decode(bitmap, hints).getText());
            } catch (ReaderException e) {
                // not readable this way: try the next binarizer
            }
        }
        return Optional.empty();
    }

    private BufferedImage image(byte[] bytes) {
        if (!isPng(bytes) && !isJpeg(bytes)) {
            throw new SealRefused(SealRefused.Reason.NOT_AN_IMAGE);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new SealRefused(SealRefused.Reason.NOT_AN_IMAGE);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > maxPixels) {
                    throw new SealRefused(SealRefused.Reason.TOO_LARGE, "画像の画素数が多すぎます（" + maxPixels / 10_000
                            + "万画素まで）。シールの部分だけを写した画像を選んでください。");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new SealRefused(SealRefused.Reason.NOT_AN_IMAGE);
        }
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }

    private static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
    }
}
