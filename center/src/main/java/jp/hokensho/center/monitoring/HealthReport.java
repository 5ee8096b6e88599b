package jp.hokensho.center.monitoring;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.ExpiringKey;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.routes.port.InsurerEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/**
 * The center's health as operators read it: the database, each real-time insurer's availability with
 * the state of its circuit breaker, and the organisation keys that end soon. DOWN when the database is unreachable,
 * DEGRADED when an insurer is not answering, UP otherwise. Keys ending soon are listed but leave the status alone:
 * DEGRADED means verifications are failing now, and a key that still works fails none; it would also keep the
 * status DEGRADED for weeks, teaching operators and alerts to ignore it. Watch {@code keysExpiringSoon} instead.
 */
public final class HealthReport {
    private final DataSource dataSource;
    private final InsurerRegistry insurers;
    private final InsurerHealth insurerHealth;
    private final CamelContext camel;
    private final Supplier<List<ExpiringKey>> expiringKeys;

    /** @param expiringKeys the keys ending within the warning period, read at each check */
    public HealthReport(DataSource dataSource, InsurerRegistry insurers, InsurerHealth insurerHealth,
                        CamelContext camel, Supplier<List<ExpiringKey>> expiringKeys) {
        this.dataSource = dataSource;
        this.insurers = insurers;
        this.insurerHealth = insurerHealth;
        this.camel = camel;
        this.expiringKeys = expiringKeys;
    }

    /** The keys ending within {@code center.keys.expiry-warning-days}, not renewed. */
    public static Supplier<List<ExpiringKey>> expiringKeys(Database database, CenterSettings settings, Clock clock) {
        CertificateStore certificates = new CertificateStore(database, clock);
        Duration warning = Duration.ofDays(settings.getInt("center.keys.expiry-warning-days"));
        return () -> certificates.expiringWithin(warning);
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
        List<String> keys = new ArrayList<>();
        if (database) {
            for (ExpiringKey key : expiringKeys.get()) {
                keys.add("{\"organisationCode\":" + quoted(escaped(key.organisationCode())) + ",\"serialNumber\":"
                        + quoted(key.serial()) + ",\"notAfter\":" + quoted(key.notAfter()) + "}");
            }
        }
        String status = !database ? "DOWN" : allInsurersAnswering ? "UP" : "DEGRADED";
        String json = "{\"status\":\"" + status + "\",\"database\":\"" + (database ? "UP" : "DOWN")
                + "\",\"insurers\":[" + String.join(",", entries) + "],\"keysExpiringSoon\":["
                + String.join(",", keys) + "]}";
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

    /** Organisation codes are typed by the staff: keep the JSON well-formed whatever they hold. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A health check's outcome. */
    public record Result(boolean usable, String json) {
    }
}
