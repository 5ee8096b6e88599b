package jp.hokensho.portal.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a request that could not reach the center is tried again: after {@code first}, doubling per failure up to
 * {@code max}, and given up {@code giveUpAfter} after its first failure. Kept in memory: a restarted terminal tries
 * every waiting file at once, which is what an operator who restarted it expects.
 */
final class RetrySchedule {
    private final Clock clock;
    private final Duration first;
    private final Duration max;
    private final Duration giveUpAfter;
    private final Map<String, Attempts> waiting = new ConcurrentHashMap<>();

    RetrySchedule(Clock clock, Duration first, Duration max, Duration giveUpAfter) {
        this.clock = clock;
        this.first = first;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
    }

    /** Whether the file may be tried now (a file that never failed always may). */
    boolean due(String fileName) {
        Attempts attempts = waiting.get(fileName);
        return attempts == null || !clock.instant().isBefore(attempts.next());
    }

    /**
     * Records a failed attempt.
     *
     * @return true when the file has waited long enough: the caller gives up on it
     */
    boolean failed(String fileName) {
        Instant now = clock.instant();
        Attempts attempts = waiting.compute(fileName, (name, previous) -> {
            int failures = previous == null ? 1 : previous.failures() + 1;
            Instant since = previous == null ? now : previous.since();
            long factor = 1L << Math.min(failures - 1, 30);
            Duration wait = first.multipliedBy(factor);
            return new Attempts(since, failures, now.plus(wait.compareTo(max) > 0 ? max : wait));
        });
        return !now.isBefore(attempts.since().plus(giveUpAfter));
    }

    Instant waitingSince(String fileName) {
        Attempts attempts = waiting.get(fileName);
        return attempts == null ? clock.instant() : attempts.since();
    }

    void forget(String fileName) {
        waiting.remove(fileName);
    }

    private record Attempts(Instant since, int failures, Instant next) {
    }
}
