package jp.hokensho.routes.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.AccessOutcome;
import jp.hokensho.routes.port.AskedQuery;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.KeptAnswers;
import jp.hokensho.routes.port.ReferencedRequest;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.port.RequestReferenceTaken;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationNumberIssuer;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The steps of one card verification, each a processor of the verify-eligibility route. */
public final class VerificationSteps {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationSteps.class);

    private final VerificationPorts ports;
    private final QueryNormaliser normaliser;
    private final EligibilityEvaluator evaluator = new EligibilityEvaluator();
    private final AnswerDigest digest = new AnswerDigest();
    private final Clock clock;
    private final Authoriser authoriser;
    private final RequestReferences references;

    public VerificationSteps(VerificationPorts ports, Clock clock) {
        this.ports = ports;
        this.authoriser = new Authoriser(ports.refusals());
        this.references = new RequestReferences(ports.kept());
        this.clock = clock;
        this.normaliser = new QueryNormaliser(clock);
    }

    /** Refuses (logged, generic fault) a caller without a right the operation needs; see {@link Authoriser}. */
    public void authorise(Exchange exchange, OperationRights operation) {
        authoriser.authorise(exchange, operation);
    }

    /** The unauthorised-access log, where insurers' unusable answers are recorded too. */
    RefusalLog refusals() {
        return ports.refusals();
    }

    /** The query normalised, and the optional requestReference and onBehalfOf checked (the parameters after it). */
    public void normaliseQuery(Exchange exchange) throws InvalidRequestFault {
        List<?> parameters = exchange.getIn().getBody(List.class);
        EligibilityQuery typed = (EligibilityQuery) parameter(parameters, 0);
        EligibilityQuery query = normaliser.normalise(typed);
        exchange.setProperty(ExchangeKeys.QUERY, query);
        String reference = RequestReferences.checkedReference((String) parameter(parameters, 1));
        if (reference != null) {
            Caller caller = Authoriser.authorisedCaller(exchange);
            exchange.setProperty(ExchangeKeys.REFERENCE, new ReferencedRequest(caller.organisationCode(), reference,
                    AskedQuery.of(query, typed.getTargetDate())));
        }
        exchange.setProperty(ExchangeKeys.ON_BEHALF_OF, RequestReferences.checkedOperator(
                (String) parameter(parameters, 2)));
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        if (cxfMessage != null) {
            exchange.setProperty(ExchangeKeys.CXF_EXCHANGE, cxfMessage.getExchange());
        }
    }

    private static Object parameter(List<?> parameters, int index) {
        return parameters == null || parameters.size() <= index ? null : parameters.get(index);
    }

    /**
     * A requestReference this organisation used before, within its window and for the same query: the original
     * answer (its number, its time) is the reply, and nothing is verified or recorded again; the access log names
     * the person who asked again. The same reference with another query is refused.
     */
    public void replayKeptAnswer(Exchange exchange) throws InvalidRequestFault {
        ReferencedRequest request = exchange.getProperty(ExchangeKeys.REFERENCE, ReferencedRequest.class);
        if (request != null) {
            Optional<EligibilityAnswer> earlier = references.earlierAnswer(request);
            if (earlier.isPresent()) {
                replyRepeated(exchange, earlier.get());
            }
        }
    }

    /** False once {@link #replayKeptAnswer} answered with an earlier answer. */
    public static boolean notAnsweredYet(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.REPEATED) == null;
    }

    private void replyRepeated(Exchange exchange, EligibilityAnswer earlier) {
        Caller caller = exchange.getProperty(ExchangeKeys.CALLER, Caller.class);
        exchange.setProperty(ExchangeKeys.REPEATED, earlier.getVerificationNumber());
        if (exchange.getProperty(ExchangeKeys.CXF_EXCHANGE) instanceof org.apache.cxf.message.Exchange cxf) {
            cxf.put(AccessOutcome.KEY, AccessOutcome.repeated(earlier.getVerificationNumber()));
        }
        LOG.info("verification {} repeated for {}/{}: same requestReference, the original answer again",
                earlier.getVerificationNumber(), caller.organisationCode(), caller.userId());
        exchange.getMessage().setBody(earlier);
    }

    public void assignNumber(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.NUMBER, ports.numbers().next());
    }

    public void lookUpInsurer(Exchange exchange) {
        EligibilityQuery query = exchange.getProperty(ExchangeKeys.QUERY, EligibilityQuery.class);
        ports.insurers().find(query.getInsurerNumber())
                .ifPresent(insurer -> exchange.setProperty(ExchangeKeys.INSURER, insurer));
    }

    public static boolean insurerUnknown(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.INSURER) == null;
    }

    public static boolean preStored(Exchange exchange) {
        InsurerEntry insurer = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        return insurer.mode() == InsurerEntry.DeliveryMode.PRE_STORED;
    }

    public void readCardStore(Exchange exchange) {
        EligibilityQuery query = exchange.getProperty(ExchangeKeys.QUERY, EligibilityQuery.class);
        exchange.setProperty(ExchangeKeys.SOURCE, DataSource.PRE_STORED);
        CardStore.Key key = CardStore.Key.of(query.getInsurerNumber(), query.getSymbol(), query.getNumber());
        GroupCards group = exchange.getProperty(ExchangeKeys.GROUP_CARDS, GroupCards.class);
        (group != null && group.covers(key) ? group.card(key)
                : ports.cards().find(query.getInsurerNumber(), query.getSymbol(), query.getNumber()))
                .ifPresent(stored -> {
                    exchange.setProperty(ExchangeKeys.CARD, stored.card());
                    exchange.setProperty(ExchangeKeys.RECEIVED_AT, stored.receivedAt());
                });
    }

    /**
     * A batch group, before its items run: the cards of its queries to pre-stored insurers are read together
     * ({@link CardStore#findAll}) for {@link #readCardStore} to take, instead of one read per item.
     */
    public void readGroupCards(Exchange exchange, Collection<EligibilityQuery> queries) {
        Set<CardStore.Key> keys = new HashSet<>();
        for (EligibilityQuery query : queries) {
            Optional<InsurerEntry> insurer = ports.insurers().find(query.getInsurerNumber());
            if (insurer.isPresent() && insurer.get().mode() == InsurerEntry.DeliveryMode.PRE_STORED) {
                keys.add(CardStore.Key.of(query.getInsurerNumber(), query.getSymbol(), query.getNumber()));
            }
        }
        // Replaced for every group: the worker's exchange carries one group after the other.
        exchange.removeProperty(ExchangeKeys.GROUP_CARDS);
        if (!keys.isEmpty()) {
            exchange.setProperty(ExchangeKeys.GROUP_CARDS, new GroupCards(keys, ports.cards().findAll(keys)));
        }
    }

    /**
     * Evaluates, records (committed before the reply leaves), and puts the answer in the body. A referenced request
     * that lost the race to another one with the same reference (recorded first) is answered with the other's
     * answer, or refused as a reused reference when the two asked differently.
     */
    public void evaluateRecordAndReply(Exchange exchange) throws InvalidRequestFault {
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber(exchange.getProperty(ExchangeKeys.NUMBER, String.class));
        answer.setQuery(exchange.getProperty(ExchangeKeys.QUERY, EligibilityQuery.class));
        answer.setAnsweredAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MILLIS));
        InsurerEntry insurer = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        if (insurer == null) {
            answer.setResultCode(ResultCode.INSURER_NOT_FOUND);
        } else if (Boolean.TRUE.equals(exchange.getProperty(ExchangeKeys.INSURER_UNAVAILABLE))) {
            answer.setResultCode(ResultCode.INSURER_UNAVAILABLE);
            answer.setInsurer(EligibilityEvaluator.insurerOf(insurer));
            answer.setSource(DataSource.REAL_TIME);
        } else {
            evaluator.evaluate(answer, insurer, exchange.getProperty(ExchangeKeys.CARD, CardData.class),
                    exchange.getProperty(ExchangeKeys.SOURCE, DataSource.class),
                    exchange.getProperty(ExchangeKeys.RECEIVED_AT, OffsetDateTime.class));
        }
        Caller caller = exchange.getProperty(ExchangeKeys.CALLER, Caller.class);
        ReferencedRequest reference = exchange.getProperty(ExchangeKeys.REFERENCE, ReferencedRequest.class);
        // The canonical form travels with the event: a batch item stores it as its answer (no second serialisation).
        AnswerDigest.Canonical canonical = digest.canonical(answer);
        try {
            ports.audit().append(new VerificationEvent(caller, answer, canonical.digest(), canonical.version(),
                    reference, exchange.getProperty(ExchangeKeys.ON_BEHALF_OF, String.class), canonical.xml()));
        } catch (RequestReferenceTaken taken) {
            LOG.info("verification {} not recorded: another request with the same requestReference of {} was recorded"
                    + " first", answer.getVerificationNumber(), caller.organisationCode());
            replyRepeated(exchange, references.earlierAnswer(reference).orElseThrow(() -> new IllegalStateException(
                    "requestReference recorded by another request, but its answer is not kept", taken)));
            return;
        }
        LOG.info("verification {} by {}/{}: {} {} → {}", answer.getVerificationNumber(), caller.organisationCode(),
                caller.userId(), answer.getQuery().getInsurerNumber(), answer.getQuery().getTargetDate(),
                answer.getResultCode());
        exchange.getMessage().setBody(answer);
    }

    /** The ports a verification needs, bound by the center. */
    public record VerificationPorts(InsurerDirectory insurers, CardStore cards, VerificationNumberIssuer numbers,
                                    AuditTrail audit, RefusalLog refusals, KeptAnswers kept) {
        /** Without kept answers: every requestReference is verified anew. */
        public VerificationPorts(InsurerDirectory insurers, CardStore cards, VerificationNumberIssuer numbers,
                                 AuditTrail audit, RefusalLog refusals) {
            this(insurers, cards, numbers, audit, refusals, KeptAnswers.NONE);
        }
    }
}
