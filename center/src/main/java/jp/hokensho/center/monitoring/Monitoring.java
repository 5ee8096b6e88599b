package jp.hokensho.center.monitoring;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** The center's metrics registry, insurer availability and (when configured) the management endpoint. */
public final class Monitoring implements AutoCloseable {
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InsurerHealth insurers;
    private ManagementServer server;

    public Monitoring(Clock clock) {
        this.insurers = new InsurerHealth(meters, clock);
    }

    public InsurerHealth insurers() {
        return insurers;
    }

    public VerificationMetrics verificationCounter() {
        return new VerificationMetrics(meters);
    }

    /**
     * Opens {@code /health} and {@code /metrics}; a negative port keeps them closed.
     *
     * @param access HTTPS and credentials, or null for plain HTTP (loopback only)
     */
    public void serve(String host, int port, HealthReport health, ManagementAccess access) {
        if (port >= 0) {
            server = ManagementServer.start(host, port, health, meters, access);
        }
    }

    /** The management port, or -1 when closed. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        meters.close();
    }
}
