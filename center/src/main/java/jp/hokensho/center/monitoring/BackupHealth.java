package jp.hokensho.center.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import jp.hokensho.center.backup.BackupRuns;

/** The last successful backup, and whether it is overdue (older than the allowed age while the daily backup is on). */
public final class BackupHealth implements HealthSection {
    private final BackupRuns runs;
    private final Duration maxAge;
    private final boolean scheduled;
    private final Clock clock;

    public BackupHealth(BackupRuns runs, Duration maxAge, boolean scheduled, Clock clock) {
        this.runs = runs;
        this.maxAge = maxAge;
        this.scheduled = scheduled;
        this.clock = clock;
    }

    /** What {@code /health} shows. */
    public record Seen(Instant lastSuccess, boolean overdue) {
        String json() {
            return "{\"lastSuccess\":" + (lastSuccess == null ? "null" : "\"" + lastSuccess + "\"")
                    + ",\"overdue\":" + overdue + "}";
        }
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public Reading read() throws java.sql.SQLException {
        Seen seen = check();
        return new Reading(seen.json(), seen.overdue());
    }

    Seen check() throws java.sql.SQLException {
        Optional<Instant> last = runs.lastSuccess();
        boolean overdue = scheduled && last.map(time -> time.plus(maxAge).isBefore(clock.instant())).orElse(true);
        return new Seen(last.orElse(null), overdue);
    }
}
