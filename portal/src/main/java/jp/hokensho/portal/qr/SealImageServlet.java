package jp.hokensho.portal.qr;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** The QR code of the seal being shown, as a PNG; the card it carries comes from the session, not the URL. */
final class SealImageServlet extends HttpServlet {
    private final int modulePixels;

    SealImageServlet(int modulePixels) {
        this.modulePixels = modulePixels;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SealPayload> seal = SealSession.shown(request.getSession(false));
        if (seal.isEmpty()) {
            response.sendError(404);
            return;
        }
        byte[] png = QrCodes.png(seal.get().encode(), modulePixels);
        response.setContentType("image/png");
        response.setContentLength(png.length);
        response.getOutputStream().write(png);
    }
}
