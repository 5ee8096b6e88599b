package jp.hokensho.center.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.hokensho.center.review.AccessReviewStore.AccountRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables dormant accounts (policy 2): an account not used for {@code center.review.dormant-days} is flagged in the
 * review, and one still unused {@code center.review.disable-after-days} later is disabled here, refused at
 * authentication from the next request (ACCOUNT_DISABLED) until the system administrator re-enables it in a review
 * sign-off. An account never used counts from its creation, a re-enabled one from its re-enabling. The center runs it
 * every {@code center.review.sweep-interval-hours} as a leased job (one node at a time, {@code LeasedJobs});
 * {@link #disableDormant} is idempotent anyway.
 */
public final class DormantAccountSweep {
    /** What the review and the logs say about an account this sweep disabled. */
    public static final String REASON_PREFIX = "DORMANT";
    private static final Logger LOG = LoggerFactory.getLogger(DormantAccountSweep.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final AccessReviewStore store;
    private final ReviewSettings settings;
    private final Clock clock;

    public DormantAccountSweep(AccessReviewStore store, ReviewSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Disables every account inactive for the dormant and the further period at {@code now}; returns how many. */
    public int disableDormant(Instant now) {
        Instant cutoff = now.minus(settings.disabledAfter());
        int disabled = 0;
        for (AccountRow account : store.dueForDisabling(cutoff)) {
            LocalDate since = LocalDate.ofInstant(account.lastActivity(), JAPAN);
            String reason = REASON_PREFIX + ": no use since " + since + " (" + settings.dormantDays()
                    + " days dormant + " + settings.disableAfterDays() + ")";
            if (store.disable(account.userId(), cutoff, now, reason)) {
                LOG.warn("Disabled account {}: {}", account.userId(), reason);
                disabled++;
            }
        }
        if (disabled > 0) {
            LOG.info("dormancy sweep disabled {} account(s)", disabled);
        }
        return disabled;
    }
}
