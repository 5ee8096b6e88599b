package jp.hokensho.portal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import jp.hokensho.contract.TransportRule;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's listener: staff passwords are posted to it and its session cookie is the person's credential, so off
 * loopback it serves only HTTPS (TLS 1.2 or 1.3) with the configured server key, and plain HTTP only on a loopback
 * host, like the center and the insurer adapter.
 */
final class PortalTls {
    static final String HTTP_HOST = "portal.http.host";
    static final String TLS_KEYSTORE = "portal.tls.keystore.path";
    static final String TLS_PASSWORD = "portal.tls.keystore.password";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Logger LOG = LoggerFactory.getLogger(PortalTls.class);

    private PortalTls() {
    }

    /** Refuses, before the clinic's key is read or anything binds, plain HTTP on a host that is not loopback. */
    static void requireTlsOffLoopback(PortalSettings settings) {
        String host = settings.get(HTTP_HOST);
        if (!tlsConfigured(settings) && !TransportRule.isLoopbackHost(host)) {
            String message = HTTP_HOST + " " + host + " is not a loopback address and plain HTTP is served only on"
                    + " loopback: set " + TLS_KEYSTORE + " and " + TLS_PASSWORD + " (PKCS#12 with the portal's server"
                    + " key), or bind " + HTTP_HOST + " to 127.0.0.1";
            LOG.error("refusing to start: {}", message);
            throw new IllegalStateException(message);
        }
    }

    static boolean tlsConfigured(PortalSettings settings) {
        String path = settings.getOrNull(TLS_KEYSTORE);
        return path != null && !path.isBlank();
    }

    /** An HTTPS connector when a server key is configured, else a plain HTTP one (loopback only, checked above). */
    static ServerConnector connector(Server server, PortalSettings settings) {
        requireTlsOffLoopback(settings);
        if (!tlsConfigured(settings)) {
            return new ServerConnector(server);
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        String password = settings.get(TLS_PASSWORD);
        tls.setKeyStore(serverKey(settings.getPath(TLS_KEYSTORE), password.toCharArray()));
        tls.setKeyStorePassword(password);
        tls.setIncludeProtocols(PROTOCOLS);
        HttpConfiguration https = new HttpConfiguration();
        // Cookies get Secure, and requests report https, because the request arrived over TLS.
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    /** Read here rather than by Jetty so that a wrong path or password is named in the error. */
    private static KeyStore serverKey(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the portal's server key " + TLS_KEYSTORE + " " + file + ": "
                    + e.getMessage(), e);
        }
    }

    static String scheme(PortalSettings settings) {
        return tlsConfigured(settings) ? "https" : "http";
    }
}
