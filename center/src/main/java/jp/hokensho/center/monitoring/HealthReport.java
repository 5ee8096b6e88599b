package jp.hokensho.center.monitoring;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.routes.port.InsurerEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's health as operators read it: the database, each real-time insurer's availability with the state
 * of its circuit breaker, and the {@link HealthSection}s (the last backup, overdue access reviews, expiring keys).
 * DOWN when the database is unreachable, DEGRADED when an insurer is not answering or a section needs action, UP
 * otherwise.
 */
public final class HealthReport {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReport.class);

    private final DataSource dataSource;
    private final InsurerRegistry insurers;
    private final InsurerHealth insurerHealth;
    private final CamelContext camel;
    private final List<HealthSection> sections;

    public HealthReport(DataSource dataSource, InsurerRegistry insurers, InsurerHealth insurerHealth,
                        CamelContext camel, HealthSection... sections) {
        this.dataSource = dataSource;
        this.insurers = insurers;
        this.insurerHealth = insurerHealth;
        this.camel = camel;
        this.sections = List.of(sections);
    }

    /** @return the report as JSON and whether the center is usable at all */
    public Result check() {
        boolean database = databaseAnswers();
        List<String> entries = new ArrayList<>();
        boolean degraded = false;
        if (database) {
            for (InsurerEntry insurer : insurers.all()) {
                if (insurer.mode() != InsurerEntry.DeliveryMode.REAL_TIME) {
                    continue;
                }
                String circuit = circuitOf(insurer.insurerNumber());
                InsurerHealth.Seen seen = insurerHealth.of(insurer.insurerNumber()).orElse(null);
                boolean available = !"OPEN".equals(circuit) && (seen == null || seen.available());
                degraded |= !available;
                entries.add("{\"insurerNumber\":\"" + insurer.insurerNumber() + "\",\"available\":" + available
                        + ",\"circuit\":\"" + circuit + "\",\"lastAnswer\":" + quoted(seen == null ? null : seen.lastAnswer())
                        + ",\"lastFailure\":" + quoted(seen == null ? null : seen.lastFailure()) + "}");
            }
        }
        StringBuilder parts = new StringBuilder();
        if (database) {
            for (HealthSection section : sections) {
                HealthSection.Reading reading = read(section);
                degraded |= reading.degraded();
                parts.append(",\"").append(section.name()).append("\":").append(reading.json());
            }
        }
        String status = !database ? "DOWN" : degraded ? "DEGRADED" : "UP";
        String json = "{\"status\":\"" + status + "\",\"database\":\"" + (database ? "UP" : "DOWN")
                + "\",\"insurers\":[" + String.join(",", entries) + "]" + parts + "}";
        return new Result(database, json);
    }

    private static HealthSection.Reading read(HealthSection section) {
        try {
            return section.read();
        } catch (Exception e) {
            LOG.warn("health section {} could not be read", section.name(), e);
            return new HealthSection.Reading("{\"error\":\"unreadable\"}", true);
        }
    }

    /** The breaker lives in the insurer's own route, made on its first query (RealtimeInsurerRoutes). */
    private String circuitOf(String insurerNumber) {
        Route route = camel.getRoute("insurer-call-" + insurerNumber);
        if (route == null) {
            return "NOT_YET_CALLED";
        }
        return route.filter("*").stream().filter(ResilienceProcessor.class::isInstance)
                .map(processor -> ((ResilienceProcessor) processor).getCircuitBreakerState())
                .findFirst().orElse("UNKNOWN");
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A health check's outcome. */
    public record Result(boolean usable, String json) {
    }
}
