package jp.hokensho.portal.qr;

import jakarta.servlet.MultipartConfigElement;
import jp.hokensho.portal.PortalSettings;
import jp.hokensho.portal.web.Pages;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** シール作成 and QRコード: their pages on the portal, configured from {@code portal.qr.*}. */
public final class QrFeature {
    private QrFeature() {
    }

    public static void register(ServletContextHandler context, Pages pages, PortalSettings settings) {
        long maxImageBytes = settings.getInt("portal.qr.max-image-kilobytes") * 1024L;
        SealReader reader = new SealReader(new QrCodes(settings.getInt("portal.qr.max-image-pixels")), maxImageBytes);
        QrInputServlet page = new QrInputServlet(pages, maxImageBytes);
        context.addServlet(new ServletHolder(new SealServlet(pages)), "/seal");
        context.addServlet(new ServletHolder(new SealImageServlet(settings.getInt("portal.qr.seal-module-pixels"))),
                "/seal/image.png");
        context.addServlet(new ServletHolder(page), "/qr");
        context.addServlet(uploads(new QrImageServlet(reader, page), maxImageBytes), "/qr/image");
        context.addServlet(uploads(new QrFrameServlet(reader), maxImageBytes), "/qr/frame");
    }

    /**
     * Multipart with the file kept in memory (the threshold is the limit, so an image of a card never lands on
     * disk). The request may be a little larger than the image (the CSRF token, the part headers); the image's own
     * limit is checked by {@link SealReader} with a clear message.
     */
    private static ServletHolder uploads(jakarta.servlet.Servlet servlet, long maxImageBytes) {
        ServletHolder holder = new ServletHolder(servlet);
        long requestLimit = maxImageBytes * 2 + 64 * 1024;
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement("", requestLimit, requestLimit,
                (int) requestLimit));
        return holder;
    }
}
