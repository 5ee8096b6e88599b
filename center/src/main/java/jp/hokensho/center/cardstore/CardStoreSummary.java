package jp.hokensho.center.cardstore;

import java.time.OffsetDateTime;

/** What the center holds for one pre-stored insurer: the card count and the last reception (UTC). */
public record CardStoreSummary(long cards, OffsetDateTime lastReceivedAt) {
}
