package jp.hokensho.center.soap;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.hokensho.center.ca.KeyStoreFiles;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;

/**
 * HTTPS for the center's endpoint (outside the loopback demo and tests): TLS 1.2 or 1.3 only, with a
 * server certificate issued by the center's CA; and the trust the center's own client needs to call
 * insurers over HTTPS. The management endpoint, when it is off loopback, uses the same server key.
 */
public final class TlsSetup {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsSetup() {
    }

    /** Makes the Jetty engine on {@code host:port} of {@code bus} serve HTTPS with the given key. */
    public static void serveHttps(Bus bus, String host, int port, Path keystore, char[] password) {
        try {
            TLSServerParameters tls = new TLSServerParameters();
            tls.setKeyManagers(keyManagers(keystore, password).getKeyManagers());
            tls.setIncludeProtocols(PROTOCOLS);
            tls.setSecureSocketProtocol("TLS");
            bus.getExtension(JettyHTTPServerEngineFactory.class).setTLSServerParametersForPort(host, port, tls);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up HTTPS with " + keystore, e);
        }
    }

    /** A server context with the given key, for servers other than CXF's (restrict it to {@link #PROTOCOLS}). */
    public static SSLContext serverContext(Path keystore, char[] password) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(keystore, password).getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up HTTPS with " + keystore, e);
        }
    }

    /** Client parameters trusting the certificates of {@code truststore} (the center's CA). */
    public static TLSClientParameters trusting(KeyStore truststore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(truststore);
            TLSClientParameters tls = new TLSClientParameters();
            tls.setTrustManagers(trust.getTrustManagers());
            // No protocol set: the JDK's client negotiates TLS 1.3/1.2 and refuses older ones itself.
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS client trust", e);
        }
    }

    private static KeyManagerFactory keyManagers(Path keystore, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStoreFiles.read(keystore, password), password);
        return keys;
    }
}
