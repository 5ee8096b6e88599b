package jp.hokensho.center.review;

import java.time.Clock;
import java.util.List;
import jp.hokensho.center.monitoring.HealthSection;

/** {@code /health}'s {@code accessReviewOverdue}: the organisations whose periodic access review is overdue. */
public final class OverdueReviewsHealth implements HealthSection {
    private final StoredAccessReview review;
    private final Clock clock;

    public OverdueReviewsHealth(StoredAccessReview review, Clock clock) {
        this.review = review;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "accessReviewOverdue";
    }

    @Override
    public Reading read() {
        List<String> overdue = review.overdueOrganisations(clock.instant());
        return new Reading("[" + String.join(",", overdue.stream().map(code -> "\"" + code + "\"").toList()) + "]",
                !overdue.isEmpty());
    }
}
