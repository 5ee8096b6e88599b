package jp.hokensho.portal.qr;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * QRコード by camera: the page's script posts a frame about twice a second; the answer says whether a seal was
 * read (the form is then filled), nothing was found yet, or a seal was refused (with the message to show).
 */
final class QrFrameServlet extends HttpServlet {
    private final transient SealReader reader;

    QrFrameServlet(SealReader reader) {
        this.reader = reader;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String answer;
        try {
            QrInputServlet.fillForm(request, reader.read(request, "frame"), "camera");
            answer = "{\"status\":\"filled\",\"location\":\"/verify\"}";
        } catch (SealRefused e) {
            if (e.reason() == SealRefused.Reason.NO_CODE) {
                answer = "{\"status\":\"none\"}";
            } else {
                QrInputServlet.refused(request, "camera", e);
                answer = "{\"status\":\"refused\",\"message\":\"" + json(e.getMessage()) + "\"}";
            }
        }
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(answer);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
