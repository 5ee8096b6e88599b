package jp.hokensho.portal.qr;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import java.util.EnumSet;
import jp.hokensho.portal.PortalSettings;
import jp.hokensho.portal.web.Pages;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
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
        // First in the chain, before the login and CSRF checks that would read the oversized body.
        FilterHolder sizeLimit = new FilterHolder(new UploadSizeFilter(pages, requestLimit(maxImageBytes),
                SealReader.tooLargeMessage(maxImageBytes)));
        sizeLimit.setName("qr-upload-size");
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(sizeLimit.getName());
        mapping.setPathSpecs(new String[] {"/qr/image", "/qr/frame"});
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        context.getServletHandler().addFilter(sizeLimit);
        context.getServletHandler().prependFilterMapping(mapping);
    }

    /** The image plus room for the CSRF token and the part headers. */
    private static long requestLimit(long maxImageBytes) {
        return maxImageBytes + 64 * 1024;
    }

    /**
     * Multipart with the file kept in memory (the threshold is the limit, so an image of a card never lands on
     * disk). The image's own limit is checked again by {@link SealReader} with a clear message.
     */
    private static ServletHolder uploads(jakarta.servlet.Servlet servlet, long maxImageBytes) {
        ServletHolder holder = new ServletHolder(servlet);
        long requestLimit = requestLimit(maxImageBytes);
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement("", requestLimit, requestLimit,
                (int) requestLimit));
        return holder;
    }
}
