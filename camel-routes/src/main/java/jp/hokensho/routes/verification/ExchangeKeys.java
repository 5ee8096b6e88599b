package jp.hokensho.routes.verification;

/**
 * Names of the exchange properties a verification carries through its route. Properties, not headers,
 * because headers are replaced by every endpoint the exchange passes and must never reach a producer.
 */
final class ExchangeKeys {
    static final String CALLER = "verification.caller";
    static final String QUERY = "verification.query";
    static final String NUMBER = "verification.number";
    static final String INSURER = "verification.insurer";
    static final String CARD = "verification.card";
    static final String SOURCE = "verification.source";
    static final String RECEIVED_AT = "verification.receivedAt";
    static final String INSURER_UNAVAILABLE = "verification.insurerUnavailable";
    /** A batch group's cards, read before its items run ({@link GroupCards}). */
    static final String GROUP_CARDS = "verification.groupCards";

    private ExchangeKeys() {
    }
}
