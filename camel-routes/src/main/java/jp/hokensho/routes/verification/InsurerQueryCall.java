package jp.hokensho.routes.verification;

import java.util.List;
import java.util.Map;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.MessageContentsList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the queryCard request to a real-time insurer and takes back its card data. The request is
 * built on a copy of the exchange whose headers and properties are cleared first, so nothing of the
 * clinic's message (least of all its security header) can reach the insurer. A card that is not the one asked,
 * or lacks what the evaluation reads, is rejected: the insurer's fault is logged and the answer is
 * INSURER_UNAVAILABLE, as for any insurer that cannot give a usable answer.
 */
public final class InsurerQueryCall implements AggregationStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerQueryCall.class);
    static final String OPERATION = "queryCard";
    static final String ENCRYPTION_USERNAME = "security.encryption.username";
    static final String RECEIVE_TIMEOUT = "jakarta.xml.ws.client.receiveTimeout";
    static final String CONNECTION_TIMEOUT = "jakarta.xml.ws.client.connectionTimeout";

    private final RefusalLog insurerFaults;

    /** @param insurerFaults where rejected answers are recorded (the unauthorised-access log) */
    public InsurerQueryCall(RefusalLog insurerFaults) {
        this.insurerFaults = insurerFaults;
    }

    /** On the copy: body = the operation's parameters, headers = where and how to call. */
    public void prepare(Exchange copy) {
        EligibilityQuery query = copy.getProperty(ExchangeKeys.QUERY, EligibilityQuery.class);
        InsurerEntry insurer = copy.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        Caller caller = copy.getProperty(ExchangeKeys.CALLER, Caller.class);
        String number = copy.getProperty(ExchangeKeys.NUMBER, String.class);
        copy.getIn().setBody(List.of(query.getInsurerNumber(), query.getSymbol(), query.getNumber(),
                caller.organisationCode(), number));
        copy.getIn().setHeader(CxfConstants.OPERATION_NAME, OPERATION);
        copy.getIn().setHeader(CxfConstants.DESTINATION_OVERRIDE_URL, insurer.endpointAddress());
        long timeoutMillis = insurer.timeout().toMillis();
        copy.getIn().setHeader(CxfConstants.REQUEST_CONTEXT, Map.of(
                ENCRYPTION_USERNAME, insurer.certificateAlias(),
                RECEIVE_TIMEOUT, timeoutMillis,
                CONNECTION_TIMEOUT, timeoutMillis));
    }

    @Override
    public Exchange aggregate(Exchange original, Exchange answered) {
        original.setProperty(ExchangeKeys.SOURCE, DataSource.REAL_TIME);
        Object body = answered.getMessage().getBody();
        CardData card = body instanceof MessageContentsList list && !list.isEmpty()
                ? (CardData) list.get(0) : body instanceof CardData data ? data : null;
        if (card != null) {
            original.setProperty(ExchangeKeys.CARD, card);
        }
        return original;
    }

    /** Runs inside the insurer's circuit breaker, so a rejected answer counts as the insurer's failure. */
    public void checkAnswer(Exchange exchange) {
        InsurerAnswerRules.check(exchange.getProperty(ExchangeKeys.QUERY, EligibilityQuery.class),
                exchange.getProperty(ExchangeKeys.CARD, CardData.class));
    }

    /**
     * Any failure to get a usable answer (refused, timed out, fault, rejected answer) is "unavailable", never
     * "not found"; a card already taken from a rejected answer is dropped, so nothing of it is evaluated.
     *
     * @return a short reason for health reporting
     */
    public String unavailable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        InsurerEntry insurer = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        markUnavailable(exchange);
        InsurerAnswerRejected rejected = InsurerAnswerRejected.within(cause);
        if (rejected != null) {
            String verification = exchange.getProperty(ExchangeKeys.NUMBER, String.class);
            LOG.warn("insurer {} at {} gave an unusable answer to verification {}, answered INSURER_UNAVAILABLE: {}",
                    insurer.insurerNumber(), insurer.endpointAddress(), verification, rejected.getMessage());
            insurerFaults.refused(InsurerAnswerRejected.REASON_CODE, null, insurer.insurerNumber(), OPERATION,
                    "verification " + verification + ": " + rejected.getMessage());
            return "answer rejected";
        }
        LOG.warn("insurer {} unavailable at {}: {}",
                insurer.insurerNumber(), insurer.endpointAddress(), cause == null ? "?" : cause.toString());
        return cause == null ? "circuit open" : cause.getClass().getName();
    }

    /** The insurer was not called because its address may not be used; answered "unavailable" as well. */
    public void refused(Exchange exchange, String reason) {
        InsurerEntry insurer = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        LOG.error("insurer {} not called at {}: {}; correct its address in the insurer directory",
                insurer.insurerNumber(), insurer.endpointAddress(), reason);
        markUnavailable(exchange);
    }

    private static void markUnavailable(Exchange exchange) {
        exchange.removeProperty(ExchangeKeys.CARD);
        exchange.setProperty(ExchangeKeys.SOURCE, DataSource.REAL_TIME);
        exchange.setProperty(ExchangeKeys.INSURER_UNAVAILABLE, Boolean.TRUE);
    }
}
