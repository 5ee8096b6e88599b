package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The few static files of the pages (style sheet, print button script), from the classpath, by exact name only. */
public final class StaticServlet extends HttpServlet {
    private static final Map<String, String> FILES = Map.of(
            "/style.css", "text/css;charset=UTF-8",
            "/print.js", "text/javascript;charset=UTF-8",
            "/seal.css", "text/css;charset=UTF-8",
            "/qr-camera.js", "text/javascript;charset=UTF-8",
            "/bulk-progress.js", "text/javascript;charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo();
        String type = name == null ? null : FILES.get(name);
        if (type == null) {
            response.sendError(404);
            return;
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", "max-age=3600");
        try (InputStream in = StaticServlet.class.getResourceAsStream("/static" + name)) {
            in.transferTo(response.getOutputStream());
        }
    }
}
