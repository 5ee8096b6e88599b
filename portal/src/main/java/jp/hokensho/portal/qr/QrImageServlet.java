package jp.hokensho.portal.qr;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** QRコード by image upload (PNG or JPEG, size-limited), decoded on the server; works without scripts. */
final class QrImageServlet extends HttpServlet {
    private final transient SealReader reader;
    private final transient QrInputServlet page;

    QrImageServlet(SealReader reader, QrInputServlet page) {
        this.reader = reader;
        this.page = page;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try {
            QrInputServlet.fillForm(request, reader.read(request, "image"), "image");
            response.sendRedirect(request.getContextPath() + "/verify");
        } catch (SealRefused e) {
            QrInputServlet.refused(request, "image", e);
            page.show(request, response, 400, "image", e.getMessage());
        }
    }
}
