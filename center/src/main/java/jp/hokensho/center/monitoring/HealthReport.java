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

/**
 * The center's health as operators read it: the database, and each real-time insurer's availability with
 * the state of its circuit breaker, and the last successful backup. DOWN when the database is unreachable, DEGRADED
 * when an insurer is not answering or the daily backup is overdue, UP otherwise.
 */
public final class HealthReport {
    private final DataSource dataSource;
    private final InsurerRegistry insurers;
    private final InsurerHealth insurerHealth;
    private final CamelContext camel;
    private final BackupHealth backup;

    public HealthReport(DataSource dataSource, InsurerRegistry insurers, InsurerHealth insurerHealth,
                        CamelContext camel) {
        this(dataSource, insurers, insurerHealth, camel, null);
    }

    /** @param backup the backup's part of the report, or null to leave it out */
    public HealthReport(DataSource dataSource, InsurerRegistry insurers, InsurerHealth insurerHealth,
                        CamelContext camel, BackupHealth backup) {
        this.dataSource = dataSource;
        this.insurers = insurers;
        this.insurerHealth = insurerHealth;
        this.camel = camel;
        this.backup = backup;
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
        BackupHealth.Seen backupSeen = database ? backupSeen() : null;
        boolean backupOverdue = backupSeen != null && backupSeen.overdue();
        String status = !database ? "DOWN" : allInsurersAnswering && !backupOverdue ? "UP" : "DEGRADED";
        String json = "{\"status\":\"" + status + "\",\"database\":\"" + (database ? "UP" : "DOWN")
                + "\",\"insurers\":[" + String.join(",", entries) + "]"
                + (backupSeen == null ? "" : ",\"backup\":" + backupSeen.json()) + "}";
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

    private BackupHealth.Seen backupSeen() {
        if (backup == null) {
            return null;
        }
        try {
            return backup.check();
        } catch (java.sql.SQLException e) {
            return new BackupHealth.Seen(null, true);
        }
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
