package jp.hokensho.center.cardstore;

import java.time.OffsetDateTime;

/** A held card's key, the insurer's update time (UTC) and {@link jp.hokensho.contract.CardDigest} of its content. */
public record HeldCardDigest(String symbol, String number, OffsetDateTime insurerUpdatedAt, String digest) {
}
