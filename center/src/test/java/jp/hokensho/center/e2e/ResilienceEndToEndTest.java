package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real-time insurer goes down and comes back: its circuit opens (answers come back at once as
 * INSURER_UNAVAILABLE, every one recorded), health and metrics show it, and traffic resumes when it returns.
 */
class ResilienceEndToEndTest {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);

    @Test
    void circuitOpensWhileTheInsurerIsDownAndClosesWhenItReturns(@TempDir Path dir) throws Exception {
        Map<String, String> quickBreaker = Map.of("center.insurer.breaker.window", "4",
                "center.insurer.breaker.minimum-calls", "3", "center.insurer.breaker.open-seconds", "2",
                "center.insurer.breaker.half-open-calls", "1");
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings(), quickBreaker)) {
            EligibilityPortType clinic = ClinicClient.connect(stack.client());
            String health = "http://127.0.0.1:" + stack.center.managementPort() + "/health";
            assertEquals(ResultCode.VALID, verify(clinic));
            assertTrue(get(health).body().contains("\"circuit\":\"CLOSED\""), get(health).body());

            stack.stopInsurer();
            for (int i = 0; i < 4; i++) {
                assertEquals(ResultCode.INSURER_UNAVAILABLE, verify(clinic), "never 'not found'");
            }
            HttpResponse<String> degraded = get(health);
            assertEquals(200, degraded.statusCode());
            assertTrue(degraded.body().contains("\"status\":\"DEGRADED\"") && degraded.body().contains("\"OPEN\""),
                    degraded.body());
            assertEquals(ResultCode.INSURER_UNAVAILABLE, verify(clinic), "answered at once while open");
            String metrics = get("http://127.0.0.1:" + stack.center.managementPort() + "/metrics").body();
            assertTrue(metrics.contains("insurer_calls_total{insurer=\"00000001\",outcome=\"unavailable\"}"), metrics);
            assertTrue(metrics.contains("verifications_total{result=\"INSURER_UNAVAILABLE\""), metrics);

            stack.restartInsurer();
            ResultCode afterReturn = ResultCode.INSURER_UNAVAILABLE;
            for (int attempt = 0; attempt < 20 && afterReturn != ResultCode.VALID; attempt++) {
                Thread.sleep(500);
                afterReturn = verify(clinic);
            }
            assertEquals(ResultCode.VALID, afterReturn, "traffic resumes once the insurer is back");
            assertTrue(get(health).body().contains("\"status\":\"UP\""), get(health).body());
            assertEquals(verificationCount(stack), verificationsCountedInMetrics(stack), "every answer was recorded");
        }
    }

    /** Every verification answered is counted in the metrics; the audit trail must hold as many. */
    private static long verificationsCountedInMetrics(CenterStack stack) throws Exception {
        String now = get("http://127.0.0.1:" + stack.center.managementPort() + "/metrics").body();
        return now.lines().filter(line -> line.startsWith("verifications_total{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static ResultCode verify(EligibilityPortType clinic) throws Exception {
        return clinic.verifyEligibility(
                VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long verificationCount(CenterStack stack) throws Exception {
        return CenterDatabaseQueries.of(stack).verificationCount();
    }
}
