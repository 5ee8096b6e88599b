package jp.hokensho.center.soap;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.transport.http_jetty.ThreadingParameters;

/**
 * The number of Jetty's request threads on the center's port ({@code center.http.max-threads}). Made before any
 * endpoint binds the port, as the engine's thread pool is fixed when its server starts.
 */
public final class RequestThreads {
    // Jetty takes some of the pool's threads for its acceptor and selectors; below this it refuses to start.
    private static final int LEAST = 8;

    private RequestThreads() {
    }

    /** Caps the request threads of {@code host:port} at {@code maxThreads}; 0 leaves Jetty's default. */
    public static void limit(Bus bus, String host, int port, String protocol, int maxThreads) {
        if (maxThreads <= 0) {
            return;
        }
        if (maxThreads < LEAST) {
            throw new IllegalArgumentException("center.http.max-threads: at least " + LEAST + " (Jetty's acceptor"
                    + " and selectors take some), or 0 for Jetty's default; was " + maxThreads);
        }
        ThreadingParameters threads = new ThreadingParameters();
        threads.setMinThreads(LEAST);
        threads.setMaxThreads(maxThreads);
        try {
            bus.getExtension(JettyHTTPServerEngineFactory.class).createJettyHTTPServerEngine(host, port, protocol)
                    .setThreadingParameters(threads);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the request threads of " + host + ":" + port, e);
        }
    }
}
