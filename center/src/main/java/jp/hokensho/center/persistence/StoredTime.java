package jp.hokensho.center.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts instants to and from what a {@code DATETIME(6)} column holds: UTC wall time truncated to
 * microseconds. Truncating before storing makes the value in memory equal the value read back, on H2
 * and MariaDB alike, which the audit hash depends on.
 */
public final class StoredTime {
    private StoredTime() {
    }

    public static LocalDateTime of(Instant instant) {
        return instant == null ? null
                : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static LocalDateTime of(OffsetDateTime time) {
        return time == null ? null : of(time.toInstant());
    }

    public static LocalDateTime now(Clock clock) {
        return of(clock.instant());
    }

    public static Instant toInstant(LocalDateTime stored) {
        return stored == null ? null : stored.toInstant(ZoneOffset.UTC);
    }

    public static OffsetDateTime toOffsetDateTime(LocalDateTime stored) {
        return stored == null ? null : stored.atOffset(ZoneOffset.UTC);
    }
}
