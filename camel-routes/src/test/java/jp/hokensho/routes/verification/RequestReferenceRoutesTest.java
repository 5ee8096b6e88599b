package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.routes.port.AccessOutcome;
import jp.hokensho.routes.port.AskedQuery;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.KeptAnswer;
import jp.hokensho.routes.port.KeptAnswers;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.RequestReferenceTaken;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import jp.hokensho.routes.verification.VerificationSteps.VerificationPorts;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * verifyEligibility's requestReference and onBehalfOf in the route, with in-memory ports: a kept answer is the reply
 * (no number, no record), another query is refused, the loser of a race answers with the winner's answer.
 */
class RequestReferenceRoutesTest extends CamelTestSupport {
    private static final Instant NOW = Instant.parse("2026-03-31T20:00:00Z");
    private static final Caller STAFF = new Caller("ueno-staff", "1310000001", "上野クリニック", "STAFF",
            EnumSet.of(Permission.VERIFY_CARD));
    private static final Caller OTHER_CLINIC = new Caller("sakura-staff", "1310000002", "さくら医院", "STAFF",
            EnumSet.of(Permission.VERIFY_CARD));

    private final PortDoubles.Numbers numbers = new PortDoubles.Numbers();
    private final KeptAudit audit = new KeptAudit();

    /** The center's part in memory: answers kept by (organisation, reference), a taken reference refused. */
    static final class KeptAudit implements AuditTrail, KeptAnswers {
        final List<VerificationEvent> appended = new ArrayList<>();
        final Map<String, KeptAnswer> kept = new HashMap<>();
        private final PortDoubles.Audit records = new PortDoubles.Audit();
        /** Stands for a request recorded at the same moment: kept on append, before this one's. */
        KeptAnswer racing;

        @Override
        public void append(VerificationEvent event) {
            if (event.reference() != null) {
                String key = event.reference().organisationCode() + "/" + event.reference().reference();
                if (racing != null) {
                    kept.put(key, racing);
                }
                if (kept.containsKey(key)) {
                    throw new RequestReferenceTaken(event.reference());
                }
                kept.put(key, new KeptAnswer(event.reference().asked(), event.answer()));
            }
            appended.add(event);
        }

        @Override
        public Optional<KeptAnswer> find(String organisationCode, String reference) {
            return Optional.ofNullable(kept.get(organisationCode + "/" + reference));
        }

        @Override
        public Optional<RecordedVerification> find(String verificationNumber) {
            return records.find(verificationNumber);
        }

        @Override
        public VerificationListing list(VerificationSearch search) {
            return records.list(search);
        }
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        VerificationSteps steps = new VerificationSteps(new VerificationPorts(new PortDoubles.Directory()
                .with(Insurers.PRE_STORED), new PortDoubles.Cards().with(aCard().insurerNumber("33120015")
                .symbol("大阪").number("4711").build(), OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC)), numbers, audit,
                new PortDoubles.Refusals(), audit), Clock.fixed(NOW, ZoneOffset.UTC));
        return new EligibilityRoutes(steps, new VerificationHistory(audit));
    }

    @BeforeEach
    void replaceSoapEntry() throws Exception {
        AdviceWith.adviceWith(context, "eligibility-entry", a -> a.replaceFromWith("direct:entry"));
        AdviceWith.adviceWith(context, "insurer-query-call", a -> a.weaveByToUri("cxf:*").replace()
                .process(exchange -> {
                    throw new AssertionError("only pre-stored cards here: no real-time insurer is called");
                }));
        context.start();
    }

    @Test
    void aRepeatedReferenceIsAnsweredWithTheKeptAnswerWithoutNumberOrRecord() {
        EligibilityAnswer first = answer(call(STAFF, card("4711"), "R-1", null));

        Exchange repeat = call(STAFF, aQuery().insurerNumber("３３１２００１５").symbol(" 大阪 ").number("４７１１")
                .targetDate(null).build(), "R-1", "受付 佐藤");

        assertSame(first, answer(repeat), "the kept answer");
        assertEquals(1, numbers.issued.size(), "no second number");
        assertEquals(1, audit.appended.size(), "no second record");
        assertEquals(AccessOutcome.repeated(first.getVerificationNumber()), accessOutcomeOf(repeat));
    }

    @Test
    void theReferenceIsKeptWithTheQueryAsAskedAndTheOperatorIsRecorded() {
        answer(call(STAFF, card("4711"), "R-2", "  受付 山田  "));

        VerificationEvent event = audit.appended.get(0);
        assertEquals("1310000001", event.reference().organisationCode());
        assertEquals("R-2", event.reference().reference());
        assertNull(event.reference().asked().targetDate(), "left out: today, whenever asked again");
        assertEquals(LocalDate.of(2026, 4, 1), event.answer().getQuery().getTargetDate(), "today in Japan");
        assertEquals("受付 山田", event.onBehalfOf());
    }

    @Test
    void theSameReferenceWithAnotherQueryIsRefusedTyped() {
        answer(call(STAFF, card("4711"), "R-3", null));

        InvalidRequestFault refused = failure(call(STAFF, card("4712"), "R-3", null));

        assertEquals(RequestReferences.REUSED, refused.getFaultInfo().getCode());
        assertEquals("requestReference", refused.getFaultInfo().getField());
        assertEquals(1, numbers.issued.size());
        assertEquals(1, audit.appended.size());
    }

    @Test
    void anotherOrganisationsReferenceIsItsOwn() {
        answer(call(STAFF, card("4711"), "R-4", null));

        answer(call(OTHER_CLINIC, card("4712"), "R-4", null));

        assertEquals(2, audit.appended.size());
    }

    @Test
    void theLoserOfARaceAnswersWithTheWinnersAnswer() {
        EligibilityAnswer winners = new EligibilityAnswer();
        winners.setVerificationNumber("00000000000000000999");
        winners.setQuery(card("4711"));
        audit.racing = new KeptAnswer(new AskedQuery("33120015", "大阪", "4711", null,
                null, null), winners);

        Exchange lost = call(STAFF, card("4711"), "R-5", null);

        assertSame(winners, answer(lost));
        assertEquals(0, audit.appended.size(), "nothing of the loser recorded");
        assertEquals(AccessOutcome.repeated("00000000000000000999"), accessOutcomeOf(lost));
    }

    @Test
    void aBlankOperatorIsRefusedNamingTheField() {
        InvalidRequestFault refused = failure(call(STAFF, card("4711"), null, "   "));

        assertEquals("onBehalfOf", refused.getFaultInfo().getField());
        assertEquals(0, audit.appended.size());
    }

    private static EligibilityQuery card(String number) {
        return aQuery().insurerNumber("33120015").symbol("大阪").number(number).targetDate(null).build();
    }

    private Exchange call(Caller caller, EligibilityQuery query, String reference, String onBehalfOf) {
        return template.request("direct:entry", exchange -> {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.setExchange(new ExchangeImpl());
            cxfMessage.put(Caller.class, caller);
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
            exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, "verifyEligibility");
            exchange.getIn().setBody(Arrays.asList(query, reference, onBehalfOf));
        });
    }

    private static EligibilityAnswer answer(Exchange reply) {
        assertNull(reply.getException(), () -> "failed: " + reply.getException());
        return assertInstanceOf(EligibilityAnswer.class, reply.getMessage().getBody());
    }

    private static Object accessOutcomeOf(Exchange reply) {
        return reply.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, org.apache.cxf.message.Message.class)
                .getExchange().get(AccessOutcome.KEY);
    }

    private static InvalidRequestFault failure(Exchange reply) {
        assertNotNull(reply.getException(), "the request was not refused");
        for (Throwable cause = reply.getException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRequestFault fault) {
                return fault;
            }
        }
        throw new AssertionError("not an InvalidRequestFault: " + reply.getException(), reply.getException());
    }
}
