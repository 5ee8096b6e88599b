package jp.hokensho.center.cardstore;

import java.time.OffsetDateTime;

/**
 * What the center holds for one pre-stored insurer: the card count, the last reception and the latest time the
 * insurer says it changed a card (both UTC; null without cards).
 */
public record CardStoreSummary(long cards, OffsetDateTime lastReceivedAt, OffsetDateTime lastInsurerUpdatedAt) {
}
