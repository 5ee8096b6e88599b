package jp.hokensho.center.monitoring;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.routes.port.InsurerEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/**
 * The center's health as operators read it: the database, and each real-time insurer's availability with
 * the state of its circuit breaker, and the organisations whose access review (policy 2) is overdue. DOWN when the
 * database is unreachable, DEGRADED when an insurer is not answering or a review is overdue, UP otherwise.
 */
public final class HealthReport {
    private final DataSource dataSource;
    private final InsurerRegistry insurers;
    private final InsurerHealth insurerHealth;
    private final CamelContext camel;
    private final Supplier<List<String>> overdueReviews;

    /** @param overdueReviews the codes of the organisations whose access review is overdue now */
    public HealthReport(DataSource dataSource, InsurerRegistry insurers, InsurerHealth insurerHealth,
                        CamelContext camel, Supplier<List<String>> overdueReviews) {
        this.dataSource = dataSource;
        this.insurers = insurers;
        this.insurerHealth = insurerHealth;
        this.camel = camel;
        this.overdueReviews = overdueReviews;
    }

    /** @return the report as JSON and whether the center is usable at all */
    public Result check() {
        boolean database = databaseAnswers();
        List<String> entries = new ArrayList<>();
        boolean allInsurersAnswering = true;
        if (database) {
            for (InsurerEntry insurer : insurers.all()) {
                if (insurer.mode() != InsurerEntry.DeliveryMode.REAL_TIME) {
                    continue;
                }
                String circuit = circuitOf(insurer.insurerNumber());
                InsurerHealth.Seen seen = insurerHealth.of(insurer.insurerNumber()).orElse(null);
                boolean available = !"OPEN".equals(circuit) && (seen == null || seen.available());
                allInsurersAnswering &= available;
                entries.add("{\"insurerNumber\":\"" + insurer.insurerNumber() + "\",\"available\":" + available
                        + ",\"circuit\":\"" + circuit + "\",\"lastAnswer\":" + quoted(seen == null ? null : seen.lastAnswer())
                        + ",\"lastFailure\":" + quoted(seen == null ? null : seen.lastFailure()) + "}");
            }
        }
        List<String> overdue = database ? overdueReviews.get() : List.of();
        String status = !database ? "DOWN" : allInsurersAnswering && overdue.isEmpty() ? "UP" : "DEGRADED";
        String json = "{\"status\":\"" + status + "\",\"database\":\"" + (database ? "UP" : "DOWN")
                + "\",\"insurers\":[" + String.join(",", entries) + "],\"accessReviewOverdue\":["
                + String.join(",", overdue.stream().map(HealthReport::quoted).toList()) + "]}";
        return new Result(database, json);
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

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A health check's outcome. */
    public record Result(boolean usable, String json) {
    }
}
