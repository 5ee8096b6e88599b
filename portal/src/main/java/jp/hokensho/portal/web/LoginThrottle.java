package jp.hokensho.portal.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down repeated failed logins from one client address: after {@code freeAttempts} failures each further
 * attempt must wait, twice as long per failure up to a maximum. The client is refused at once while it must
 * wait (no thread sleeps), and a successful login clears its count. The center locks accounts on its own;
 * this keeps one browser from spending the center's password checks.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final int freeAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(Clock clock, int freeAttempts, Duration baseDelay, Duration maxDelay) {
        this.clock = clock;
        this.freeAttempts = freeAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /** How long the client must still wait before its next attempt; zero when it may try now. */
    public Duration waitBeforeAttempt(String client) {
        forgetOld();
        Failures recorded = failures.get(client);
        if (recorded == null || recorded.count() < freeAttempts) {
            return Duration.ZERO;
        }
        Instant allowedAt = recorded.last().plus(delayAfter(recorded.count()));
        Duration remaining = Duration.between(clock.instant(), allowedAt);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    public void failed(String client) {
        failures.merge(client, new Failures(1, clock.instant()),
                (old, next) -> new Failures(old.count() + 1, next.last()));
        forgetOld();
    }

    public void succeeded(String client) {
        failures.remove(client);
    }

    /** base × 2^(failures − free attempts), at most the maximum. */
    Duration delayAfter(int count) {
        int doublings = Math.min(count - freeAttempts, 20);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Entries older than the maximum delay no longer slow anybody down; dropping them bounds the memory used. */
    private void forgetOld() {
        Instant horizon = clock.instant().minus(maxDelay.multipliedBy(2));
        failures.entrySet().removeIf(entry -> entry.getValue().last().isBefore(horizon));
    }
}
