package jp.hokensho.portal.qr;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import jp.hokensho.portal.web.Pages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses an upload whose request is larger than the multipart limit before anything reads it: past that limit the
 * server cannot even read the CSRF token from the body, and the person would get a system error instead of being
 * told the image is too large. Smaller uploads go on to the portal's checks as usual.
 */
final class UploadSizeFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSizeFilter.class);
    private final transient Pages pages;
    private final long maxRequestBytes;
    private final String message;

    UploadSizeFilter(Pages pages, long maxRequestBytes, String message) {
        this.pages = pages;
        this.maxRequestBytes = maxRequestBytes;
        this.message = message;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() <= maxRequestBytes) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("upload of {} bytes to {} from {} refused: over {} bytes", request.getContentLengthLong(),
                request.getServletPath(), request.getRemoteAddr(), maxRequestBytes);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Connection", "close");
        if (request.getServletPath().endsWith("/frame")) {
            response.setStatus(413);
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write("{\"status\":\"refused\",\"message\":\"" + message + "\"}");
        } else {
            pages.render(response, 413, "message", Map.of("title", "QRコード", "message", message));
        }
    }
}
