package jp.hokensho.center.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.hokensho.routes.port.InsurerAvailability;

/** What the center has seen of each real-time insurer: last answer, last failure, counts and latency. */
public final class InsurerHealth implements InsurerAvailability {
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile AvailabilityLedger ledger;

    public InsurerHealth(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Where the calls are also counted per hour for the monthly report (none until the center sets one). */
    public void keepIn(AvailabilityLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void answered(String insurerNumber, long millis) {
        seen.compute(insurerNumber, (number, before) -> new Seen(clock.instant(),
                before == null ? null : before.lastFailure(), before == null ? null : before.lastReason(), 0));
        Counter.builder("insurer.calls").tag("insurer", insurerNumber).tag("outcome", "answered")
                .register(meters).increment();
        count(insurerNumber, AvailabilityLedger.Outcome.ANSWERED, millis);
        Timer.builder("insurer.call.latency").tag("insurer", insurerNumber).register(meters)
                .record(Duration.ofMillis(millis));
    }

    @Override
    public void unavailable(String insurerNumber, String reason) {
        seen.compute(insurerNumber, (number, before) -> new Seen(before == null ? null : before.lastAnswer(),
                clock.instant(), reason, before == null ? 1 : before.failuresInARow() + 1));
        count(insurerNumber, shortCircuited(reason) ? AvailabilityLedger.Outcome.SHORT_CIRCUITED
                : AvailabilityLedger.Outcome.FAILED, 0);
        Counter.builder("insurer.calls").tag("insurer", insurerNumber).tag("outcome", "unavailable")
                .register(meters).increment();
    }

    @Override
    public void breakerOpened(String insurerNumber) {
        count(insurerNumber, AvailabilityLedger.Outcome.BREAKER_OPENED, 0);
    }

    private void count(String insurerNumber, AvailabilityLedger.Outcome outcome, long millis) {
        AvailabilityLedger kept = ledger;
        if (kept != null) {
            kept.count(insurerNumber, outcome, millis);
        }
    }

    /** The breaker refused the call without making it: InsurerQueryCall names no cause, or resilience4j's. */
    private static boolean shortCircuited(String reason) {
        return "circuit open".equals(reason) || reason != null && reason.endsWith(".CallNotPermittedException");
    }

    public Optional<Seen> of(String insurerNumber) {
        return Optional.ofNullable(seen.get(insurerNumber));
    }

    /** The last outcomes of one insurer. */
    public record Seen(Instant lastAnswer, Instant lastFailure, String lastReason, int failuresInARow) {
        public boolean available() {
            return failuresInARow == 0;
        }
    }
}
