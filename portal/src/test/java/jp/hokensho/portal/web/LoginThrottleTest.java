package jp.hokensho.portal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins from one address: free at first, then a doubling wait up to a maximum, cleared by a success. */
class LoginThrottleTest {
    private Instant now = Instant.parse("2026-04-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void theFirstFailuresCostNothingThenEachWaitDoubles() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("10.0.0.1");
            assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.1"));
        }
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.waitBeforeAttempt("10.0.0.1"));
        now = now.plusSeconds(2);
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(4), throttle.waitBeforeAttempt("10.0.0.1"));
        now = now.plusSeconds(1);
        assertEquals(Duration.ofSeconds(3), throttle.waitBeforeAttempt("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.2"), "another address is not slowed down");
    }

    @Test
    void theWaitStopsAtTheMaximumAndASuccessClearsIt() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(60), throttle.waitBeforeAttempt("10.0.0.1"));
        throttle.succeeded("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.1"));
    }
}
