package jp.hokensho.center.review;

import java.time.Duration;
import jp.hokensho.center.CenterSettings;

/**
 * The access review's periods (policy 2), from {@code center.review.*} and {@code center.keys.expiry-warning-days}.
 *
 * @param dormantDays          no use in this many days flags an account as dormant
 * @param disableAfterDays     a dormant account is disabled by the daily sweep this many days later
 * @param intervalDays         an organisation whose last sign-off is older is overdue for review
 * @param keyExpiryWarningDays a key ending within this many days is reported as expiring
 * @param sweepInterval        how often the dormancy sweep runs (daily)
 */
public record ReviewSettings(int dormantDays, int disableAfterDays, int intervalDays, int keyExpiryWarningDays,
                             Duration sweepInterval) {
    public ReviewSettings {
        requirePositive("center.review.dormant-days", dormantDays);
        requirePositive("center.review.disable-after-days", disableAfterDays);
        requirePositive("center.review.interval-days", intervalDays);
        requirePositive("center.keys.expiry-warning-days", keyExpiryWarningDays);
        if (sweepInterval.isZero() || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("center.review.sweep-interval-hours must be positive, not "
                    + sweepInterval.toHours());
        }
    }

    public static ReviewSettings of(CenterSettings settings) {
        return new ReviewSettings(settings.getInt("center.review.dormant-days"),
                settings.getInt("center.review.disable-after-days"), settings.getInt("center.review.interval-days"),
                settings.getInt("center.keys.expiry-warning-days"),
                Duration.ofHours(settings.getInt("center.review.sweep-interval-hours")));
    }

    /** No use for this long makes an account dormant. */
    public Duration dormantAfter() {
        return Duration.ofDays(dormantDays);
    }

    /** No use for this long (dormant, then the further period) gets an account disabled. */
    public Duration disabledAfter() {
        return Duration.ofDays((long) dormantDays + disableAfterDays);
    }

    public Duration reviewInterval() {
        return Duration.ofDays(intervalDays);
    }

    public Duration keyExpiryWarning() {
        return Duration.ofDays(keyExpiryWarningDays);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, not " + value);
        }
    }
}
