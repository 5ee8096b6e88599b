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

    public InsurerHealth(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void answered(String insurerNumber, long millis) {
        seen.compute(insurerNumber, (number, before) -> new Seen(clock.instant(),
                before == null ? null : before.lastFailure(), before == null ? null : before.lastReason(), 0));
        Counter.builder("insurer.calls").tag("insurer", insurerNumber).tag("outcome", "answered")
                .register(meters).increment();
        Timer.builder("insurer.call.latency").tag("insurer", insurerNumber).register(meters)
                .record(Duration.ofMillis(millis));
    }

    @Override
    public void unavailable(String insurerNumber, String reason) {
        seen.compute(insurerNumber, (number, before) -> new Seen(before == null ? null : before.lastAnswer(),
                clock.instant(), reason, before == null ? 1 : before.failuresInARow() + 1));
        Counter.builder("insurer.calls").tag("insurer", insurerNumber).tag("outcome", "unavailable")
                .register(meters).increment();
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
