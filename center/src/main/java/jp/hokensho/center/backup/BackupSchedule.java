package jp.hokensho.center.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.jobs.LeasedJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily backup ({@code center.backup.*}): once a day after {@code time} in {@code zone}, on one node (the job's
 * lease), into {@code dir}; then backup files older than {@code keep-days} are deleted there (the newest is always
 * kept).
 */
public final class BackupSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);
    static final String JOB = "daily-backup";
    private static final String PREFIX = "center-backup-";
    private static final String SUFFIX = ".cbk";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final CenterSettings settings;
    private final DataSource dataSource;
    private final Clock clock;
    private final char[] passphrase;
    private final Path dir;
    private final Duration keep;

    public BackupSchedule(CenterSettings settings, DataSource dataSource, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.clock = clock;
        String file = settings.getOrNull("center.backup.passphrase-file");
        // Read at start: a scheduled backup that cannot run should stop the start, not fail at night.
        this.passphrase = Passphrase.read(file == null ? null : Path.of(file), Passphrase.ENVIRONMENT);
        this.dir = settings.getPath("center.backup.dir");
        this.keep = Duration.ofDays(settings.getInt("center.backup.keep-days"));
    }

    /** Adds the daily backup to the node's leased jobs. */
    public void schedule(LeasedJobs jobs) {
        jobs.daily(JOB, LocalTime.parse(settings.get("center.backup.time")), ZoneId.of(settings.get("center.backup.zone")),
                Duration.ofMinutes(settings.getInt("center.backup.lease-minutes")),
                Duration.ofSeconds(settings.getInt("center.jobs.tick-seconds")), this::runOnce);
    }

    /** One backup and the clean-up after it; throws when the backup failed (the job is then not marked done). */
    public void runOnce() {
        try {
            CenterBackup.Written written = new CenterBackup(settings, dataSource, clock)
                    .write(newFileIn(dir, clock), passphrase, "scheduler");
            deleteOlderThan(keep, written.file());
        } catch (IOException e) {
            throw new IllegalStateException("the daily backup failed: " + e.getMessage(), e);
        }
    }

    /** {@code dir/center-backup-<UTC time>.cbk}. */
    public static Path newFileIn(Path dir, Clock clock) {
        return dir.resolve(PREFIX + STAMP.format(clock.instant()) + SUFFIX);
    }

    private void deleteOlderThan(Duration age, Path newest) throws IOException {
        Instant limit = clock.instant().minus(age);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                if (!file.equals(newest) && Files.getLastModifiedTime(file).toInstant().isBefore(limit)) {
                    Files.delete(file);
                    LOG.info("deleted backup {}, older than {} days", file, age.toDays());
                }
            }
        }
    }
}
