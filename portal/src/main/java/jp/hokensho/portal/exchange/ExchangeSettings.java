package jp.hokensho.portal.exchange;

import java.nio.file.Path;
import java.time.Duration;
import jp.hokensho.portal.PortalSettings;

/**
 * The folder exchange's settings ({@code portal.exchange.*}): the four folders (relative ones under the base folder),
 * the hospital system's integration account, and the timings of retries and of the done folder's purge.
 *
 * @param requestDir      where the hospital system drops request files ({@code req/})
 * @param responseDir     where answers appear under the request's base name ({@code res/})
 * @param errorDir        requests that could not be answered, each with a {@code .error.txt} saying why ({@code err/})
 * @param doneDir         answered requests, kept {@code doneKeep} ({@code done/})
 * @param workDir         the exchange's own state (submitted batches' reception numbers); never read by the HIS
 * @param retryFirst      the wait after the first failed attempt to reach the center; doubled per failure
 * @param retryMax        the longest wait between attempts
 * @param giveUpAfter     how long a request waits for an unreachable center before an error file explains it
 * @param maxCsvRows      the most cards of one CSV request
 */
public record ExchangeSettings(Path requestDir, Path responseDir, Path errorDir, Path doneDir, Path workDir,
                               String userId, Path passwordFile, int threads, Duration poll, Duration doneKeep,
                               Duration retryFirst, Duration retryMax, Duration giveUpAfter, Duration batchPoll,
                               int maxCsvRows) {

    /** The settings, or null when {@code portal.exchange.base-dir} is not set (the terminal has no folder exchange). */
    public static ExchangeSettings of(PortalSettings settings) {
        String base = settings.getOrNull("portal.exchange.base-dir");
        if (base == null || base.isBlank()) {
            return null;
        }
        Path baseDir = Path.of(base.trim());
        return new ExchangeSettings(
                folder(baseDir, settings, "portal.exchange.request-dir"),
                folder(baseDir, settings, "portal.exchange.response-dir"),
                folder(baseDir, settings, "portal.exchange.error-dir"),
                folder(baseDir, settings, "portal.exchange.done-dir"),
                folder(baseDir, settings, "portal.exchange.work-dir"),
                settings.get("portal.exchange.user"),
                settings.getPath("portal.exchange.password-file"),
                positive(settings, "portal.exchange.threads"),
                Duration.ofMillis(positive(settings, "portal.exchange.poll-millis")),
                Duration.ofDays(positive(settings, "portal.exchange.done-keep-days")),
                settings.getSeconds("portal.exchange.retry.first-seconds"),
                settings.getSeconds("portal.exchange.retry.max-seconds"),
                settings.getSeconds("portal.exchange.give-up-seconds"),
                Duration.ofMillis(positive(settings, "portal.exchange.batch-poll-millis")),
                positive(settings, "portal.bulk.max-rows"));
    }

    private static Path folder(Path base, PortalSettings settings, String key) {
        return base.resolve(settings.get(key)).toAbsolutePath().normalize();
    }

    private static int positive(PortalSettings settings, String key) {
        int value = settings.getInt(key);
        if (value <= 0) {
            throw new IllegalArgumentException("portal setting " + key + " must be greater than 0, not " + value);
        }
        return value;
    }
}
