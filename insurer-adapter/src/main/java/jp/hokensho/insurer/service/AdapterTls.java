package jp.hokensho.insurer.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import jp.hokensho.contract.TransportRule;
import jp.hokensho.insurer.AdapterSettings;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queryCard endpoint's transport: HTTPS with TLS 1.2 or 1.3 only and a key issued by the center's CA (the
 * center trusts that CA), or plain HTTP on a loopback host only. The adapter's own copy of the center's setup:
 * it never depends on center code.
 */
public final class AdapterTls {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Logger LOG = LoggerFactory.getLogger(AdapterTls.class);

    private AdapterTls() {
    }

    /** Refuses, before anything binds, to serve plain HTTP on a host that is not loopback. */
    public static void requireTlsOffLoopback(AdapterSettings settings) {
        if (settings.tlsKeystorePath().isEmpty() && !TransportRule.isLoopbackHost(settings.httpHost())) {
            String message = AdapterSettings.HTTP_HOST + " " + settings.httpHost() + " is not a loopback address and"
                    + " plain HTTP is served only on loopback: set " + AdapterSettings.TLS_KEYSTORE_PATH + " and "
                    + AdapterSettings.TLS_KEYSTORE_PASSWORD + " (a server key issued by the center's CA), or bind "
                    + AdapterSettings.HTTP_HOST + " to 127.0.0.1";
            LOG.error("refusing to start: {}", message);
            throw new IllegalStateException(message);
        }
    }

    /** Sets up the engine of {@code bus} on {@code host:port} for HTTPS when a key is configured; the scheme to use. */
    static String prepare(AdapterSettings settings, Bus bus, int port) {
        requireTlsOffLoopback(settings);
        if (settings.tlsKeystorePath().isEmpty()) {
            return "http";
        }
        Path keystore = settings.tlsKeystorePath().get();
        char[] password = settings.tlsKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            TLSServerParameters tls = new TLSServerParameters();
            tls.setKeyManagers(keys.getKeyManagers());
            tls.setIncludeProtocols(PROTOCOLS);
            tls.setSecureSocketProtocol("TLS");
            bus.getExtension(JettyHTTPServerEngineFactory.class)
                    .setTLSServerParametersForPort(settings.httpHost(), port, tls);
            return "https";
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up HTTPS with " + AdapterSettings.TLS_KEYSTORE_PATH + " "
                    + keystore + ": " + e.getMessage(), e);
        }
    }
}
