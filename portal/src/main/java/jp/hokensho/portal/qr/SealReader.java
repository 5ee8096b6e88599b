package jp.hokensho.portal.qr;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;

/** Reads a seal from an uploaded image part: size limit, then the QR code, then the seal format. */
final class SealReader {
    private final QrCodes codes;
    private final long maxImageBytes;

    SealReader(QrCodes codes, long maxImageBytes) {
        this.codes = codes;
        this.maxImageBytes = maxImageBytes;
    }

    /**
     * The seal in the image part {@code name} of a multipart request.
     *
     * @throws SealRefused when there is no such image, it is too large or not an image, or it holds no intact seal
     */
    SealPayload read(HttpServletRequest request, String name) throws IOException, ServletException {
        Part part = request.getPart(name);
        if (part == null || part.getSize() == 0) {
            throw new SealRefused(SealRefused.Reason.NOT_AN_IMAGE);
        }
        if (part.getSize() > maxImageBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) maxImageBytes + 1);
        }
        if (bytes.length > maxImageBytes) {
            throw tooLarge();
        }
        return SealPayload.decode(codes.read(bytes).orElseThrow(() -> new SealRefused(SealRefused.Reason.NO_CODE)));
    }

    private SealRefused tooLarge() {
        return new SealRefused(SealRefused.Reason.TOO_LARGE, tooLargeMessage(maxImageBytes));
    }

    static String tooLargeMessage(long maxImageBytes) {
        return "画像のファイルが大きすぎます（" + maxImageBytes / 1024 + "KBまで）。";
    }
}
