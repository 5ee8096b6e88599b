package jp.hokensho.center.cardstore;

/** What {@link JpaCardStore#save} did with a card. */
public enum SaveOutcome {
    INSERTED,
    UPDATED,
    /** The stored content already had the card's digest: nothing written, the reception time kept. */
    UNCHANGED
}
