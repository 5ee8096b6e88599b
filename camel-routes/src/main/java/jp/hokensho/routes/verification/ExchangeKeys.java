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
    static final String REFERENCE = "verification.reference";
    static final String ON_BEHALF_OF = "verification.onBehalfOf";
    /** The number of the earlier answer a repeated requestReference was answered with. */
    static final String REPEATED = "verification.repeated";
    /** The CXF exchange of the request, kept before any producer replaces the headers (for the access log). */
    static final String CXF_EXCHANGE = "verification.cxfExchange";
    /** A batch group's cards, read before its items run ({@link GroupCards}). */
    static final String GROUP_CARDS = "verification.groupCards";

    private ExchangeKeys() {
    }
}
