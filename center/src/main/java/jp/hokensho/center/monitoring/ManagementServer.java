package jp.hokensho.center.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' HTTP endpoint, apart from the SOAP port: {@code GET /health} (JSON; 503 when the database is
 * down) and {@code GET /metrics} (Prometheus text). Bound to loopback unless configured otherwise.
 */
public final class ManagementServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private final HttpServer server;

    private ManagementServer(HttpServer server) {
        this.server = server;
    }

    public static ManagementServer start(String host, int port, HealthReport health, PrometheusMeterRegistry meters) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/health", exchange -> {
                HealthReport.Result result = health.check();
                send(exchange, result.usable() ? 200 : 503, "application/json", result.json());
            });
            server.createContext("/metrics", exchange -> send(exchange, 200,
                    "text/plain; version=0.0.4; charset=utf-8", meters.scrape()));
            server.start();
            LOG.info("management endpoint on http://{}:{}/health and /metrics", host, server.getAddress().getPort());
            return new ManagementServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the management port " + host + ":" + port, e);
        }
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
