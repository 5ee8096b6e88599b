package jp.hokensho.portal.bulk;

/** The whole file cannot be taken (encoding, size, row count, no data): one Japanese message for the page. */
public final class CardFileRefused extends RuntimeException {
    public CardFileRefused(String message) {
        super(message);
    }
}
