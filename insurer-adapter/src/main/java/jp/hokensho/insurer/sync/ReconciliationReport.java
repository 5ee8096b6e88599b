package jp.hokensho.insurer.sync;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The differences between the center's copy of an insurer's cards and the adapter's own.
 */
public record ReconciliationReport(String insurerNumber, int localCards, int centerCards,
                                   List<Difference> differences) {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    public enum Kind {
        /** The adapter has the card, the center does not (not yet synced, or lost there). */
        MISSING_AT_CENTER,
        /** The center has a card the adapter does not know. */
        ONLY_AT_CENTER,
        /** Both have it, with different content (compare the insurer's update times). */
        CONTENT_DIFFERS
    }

    /** One card that differs; an update time is null on the side that lacks the card. */
    public record Difference(Kind kind, String symbol, String number, OffsetDateTime localUpdatedAt,
                             OffsetDateTime centerUpdatedAt) {
        @Override
        public String toString() {
            return kind + " " + symbol + "/" + number + " insurerUpdatedAt local=" + time(localUpdatedAt)
                    + " center=" + time(centerUpdatedAt);
        }
    }

    public ReconciliationReport {
        differences = List.copyOf(differences);
    }

    public boolean consistent() {
        return differences.isEmpty();
    }

    public String summary() {
        return "insurer " + insurerNumber + ": " + localCards + " cards here, " + centerCards + " at the center, "
                + differences.size() + " differences";
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "-" : t.atZoneSameInstant(TOKYO).toOffsetDateTime().toString();
    }
}
