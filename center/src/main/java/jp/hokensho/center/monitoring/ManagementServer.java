package jp.hokensho.center.monitoring;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import jp.hokensho.center.soap.TlsSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' HTTP endpoint, apart from the SOAP port: {@code GET /health} (JSON; 503 when the database is
 * down) and {@code GET /metrics} (Prometheus text). Bound to loopback unless configured otherwise; off
 * loopback only over HTTPS (TLS 1.2/1.3) and with HTTP Basic credentials ({@link ManagementAccess}).
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private final HttpServer server;

    private ManagementServer(HttpServer server) {
        this.server = server;
    }

    /** @param access null: plain HTTP without credentials, for loopback only */
    public static ManagementServer start(String host, int port, HealthReport health, PrometheusMeterRegistry meters,
                                         ManagementAccess access) {
        try {
            HttpServer server = access == null ? HttpServer.create(new InetSocketAddress(host, port), 0)
                    : https(new InetSocketAddress(host, port), access);
            HttpContext healthContext = server.createContext("/health", exchange -> {
                HealthReport.Result result = health.check();
                send(exchange, result.usable() ? 200 : 503, "application/json", result.json());
            });
            HttpContext metricsContext = server.createContext("/metrics", exchange -> send(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
            if (access != null) {
                healthContext.setAuthenticator(access.authenticator());
                metricsContext.setAuthenticator(access.authenticator());
            }
            server.start();
            LOG.info("management endpoint on {}://{}:{}/health and /metrics", access == null ? "http" : "https", host,
                    server.getAddress().getPort());
            return new ManagementServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the management port " + host + ":" + port, e);
        }
    }

    private static HttpsServer https(InetSocketAddress address, ManagementAccess access) throws IOException {
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(access.tls()) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setProtocols(TlsSetup.PROTOCOLS.toArray(String[]::new));
                parameters.setSSLParameters(ssl);
            }
        });
        return server;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
