package jp.hokensho.routes.port;

import java.time.OffsetDateTime;
import jp.hokensho.contract.types.CardData;

/** A card as the center holds it for a pre-stored insurer, with when the center received it. */
public record StoredCard(CardData card, OffsetDateTime receivedAt) {
}
