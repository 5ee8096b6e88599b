package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.InsurerAvailability;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.PortDoubles.Refusal;
import jp.hokensho.routes.verification.VerificationSteps.VerificationPorts;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageContentsList;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The EligibilityService routes with in-memory ports: the SOAP entry is replaced by {@code direct:entry}, the
 * real-time insurer's CXF endpoint by a fake insurer; the caller arrives in the CXF message as the center's
 * security layer puts it there.
 */
class EligibilityRoutesTest extends CamelTestSupport {
    private static final Instant NOW = Instant.parse("2026-03-31T20:00:00Z");
    private static final OffsetDateTime RECEIVED_AT = OffsetDateTime.of(2005, 7, 1, 3, 0, 0, 0, ZoneOffset.UTC);
    private static final String FIRST_NUMBER = "00000000000000000701";

    private static final Caller MANAGER = new Caller("ueno-manager", "1310000001", "上野クリニック", "BUSINESS_MANAGER",
            EnumSet.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS));
    private static final Caller STAFF = new Caller("ueno-staff", "1310000001", "上野クリニック", "STAFF",
            EnumSet.of(Permission.VERIFY_CARD));
    private static final Caller INSURER_STAFF = new Caller("insurer-staff", "00000001", "〇〇〇健康保険組合", "STAFF",
            EnumSet.of(Permission.REGISTER_CARD_DATA));
    private static final Caller OTHER_CLINIC = new Caller("sakura-manager", "1310000002", "さくら医院", "BUSINESS_MANAGER",
            EnumSet.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS));

    private final PortDoubles.Directory directory = new PortDoubles.Directory()
            .with(Insurers.REAL_TIME).with(Insurers.PRE_STORED);
    private final PortDoubles.Cards cards = new PortDoubles.Cards()
            .with(aCard().insurerNumber("33120015").symbol("大阪").number("4711").build(), RECEIVED_AT);
    private final PortDoubles.Numbers numbers = new PortDoubles.Numbers();
    private final PortDoubles.Audit audit = new PortDoubles.Audit();
    private final PortDoubles.Refusals refusals = new PortDoubles.Refusals();
    /** The outcomes of insurer calls as health and metrics are told them: "answered" or the failure's reason. */
    private final List<String> insurerOutcomes = new ArrayList<>();
    private final InsurerAvailability availability = new InsurerAvailability() {
        @Override
        public void answered(String insurerNumber, long millis) {
            insurerOutcomes.add("answered");
        }

        @Override
        public void unavailable(String insurerNumber, String reason) {
            insurerOutcomes.add(reason);
        }
    };

    /** What the real-time insurer does when called; each test that reaches it says what. */
    private Processor insurer = exchange -> {
        throw new AssertionError("this test expects no call to a real-time insurer");
    };
    private final List<InsurerRequest> insurerRequests = new ArrayList<>();

    /** What reached the insurer's endpoint, captured at the moment of the call. */
    record InsurerRequest(Map<String, Object> headers, Map<String, Object> properties,
                          Map<String, Object> allProperties, Object body) {
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        VerificationSteps steps = new VerificationSteps(
                new VerificationPorts(directory, cards, numbers, audit, refusals), Clock.fixed(NOW, ZoneOffset.UTC));
        return new EligibilityRoutes(steps, new VerificationHistory(audit), availability, BreakerSettings.DEFAULTS);
    }

    @BeforeEach
    void replaceSoapEndpoints() throws Exception {
        AdviceWith.adviceWith(context, "eligibility-entry", a -> a.replaceFromWith("direct:entry"));
        AdviceWith.adviceWith(context, "insurer-query-call", a -> a.weaveByToUri("cxf:*").replace()
                .process(exchange -> {
                    insurerRequests.add(new InsurerRequest(new HashMap<>(exchange.getIn().getHeaders()),
                            new HashMap<>(exchange.getProperties()), new HashMap<>(exchange.getAllProperties()),
                            exchange.getIn().getBody()));
                    insurer.process(exchange);
                }));
        context.start();
    }

    @Test
    void dispatchesToCardStoreForPreStoredInsurer() {
        EligibilityAnswer answer = answerTo(MANAGER, aQuery().insurerNumber("３３１２００１５").symbol(" 大阪 ")
                .number("４７１１").build());

        assertAll(
                () -> assertEquals(List.of(List.of("33120015", "大阪", "4711")), cards.asked, "asked with normalised keys"),
                () -> assertTrue(insurerRequests.isEmpty()),
                () -> assertEquals(ResultCode.VALID, answer.getResultCode()),
                () -> assertEquals(DataSource.PRE_STORED, answer.getSource()),
                () -> assertEquals(RECEIVED_AT, answer.getCenterReceivedAt()),
                () -> assertEquals(CardDataBuilder.INSURER_UPDATED_AT, answer.getInsurerUpdatedAt()),
                () -> assertEquals("大阪〇〇健康保険組合", answer.getInsurer().getName()),
                () -> assertEquals("上野 太郎", answer.getInsured().getName()),
                () -> assertEquals(FIRST_NUMBER, answer.getVerificationNumber()),
                () -> assertEquals(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), answer.getAnsweredAt()),
                () -> assertEquals("33120015", answer.getQuery().getInsurerNumber(), "the answer carries the query used"));
    }

    @Test
    void preStoredInsurerWithoutTheCardIsSymbolNumberNotFound() {
        EligibilityAnswer answer = answerTo(MANAGER, aQuery().insurerNumber("33120015").symbol("大阪").number("9999")
                .build());

        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, answer.getResultCode());
        assertEquals(DataSource.PRE_STORED, answer.getSource());
        assertNull(answer.getInsured());
    }

    @Test
    void asksRealTimeInsurerAndEvaluatesItsCardData() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());

        EligibilityAnswer answer = answerTo(MANAGER, aQuery().build());

        assertAll(
                () -> assertEquals(1, insurerRequests.size()),
                () -> assertTrue(cards.asked.isEmpty(), "a real-time insurer's cards are not in the card store"),
                () -> assertEquals(ResultCode.VALID, answer.getResultCode()),
                () -> assertEquals(DataSource.REAL_TIME, answer.getSource()),
                () -> assertEquals("〇〇〇健康保険組合", answer.getInsurer().getName()),
                () -> assertEquals(50, answer.getInsured().getAge()),
                () -> assertEquals(5, answer.getDependent().size()),
                () -> assertEquals(CardDataBuilder.INSURER_UPDATED_AT, answer.getInsurerUpdatedAt()),
                () -> assertNull(answer.getCenterReceivedAt()));
    }

    @Test
    void realTimeInsurersAnswerAsCxfContentsListIsUnwrapped() {
        // What the camel-cxf producer really puts in the body; the center judges the data itself (lost → EXPIRED).
        insurer = exchange -> exchange.getMessage().setBody(
                new MessageContentsList(aCard().qualificationLost(LocalDate.of(2005, 7, 1)).build()));

        EligibilityAnswer answer = answerTo(MANAGER, aQuery().build());

        assertEquals(ResultCode.EXPIRED, answer.getResultCode());
        assertEquals(LocalDate.of(2005, 7, 1), answer.getQualificationLost());
    }

    @Test
    void realTimeInsurerWithoutTheCardIsSymbolNumberNotFound() {
        insurer = exchange -> exchange.getMessage().setBody(new MessageContentsList(new Object[] {null}));

        EligibilityAnswer answer = answerTo(MANAGER, aQuery().build());

        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, answer.getResultCode());
        assertEquals(DataSource.REAL_TIME, answer.getSource());
    }

    @ParameterizedTest(name = "answer about another card: {0}")
    @CsvSource({"insurerNumber, 00000002, 東京, 001", "symbol, 00000001, 大阪, 001", "number, 00000001, 東京, 002"})
    void realTimeAnswerAboutAnotherCardIsRejectedAsTheInsurersFault(String field, String insurerNumber, String symbol,
                                                                     String number) {
        insurer = exchange -> exchange.getMessage().setBody(new MessageContentsList(
                aCard().insurerNumber(insurerNumber).symbol(symbol).number(number).build()));

        EligibilityAnswer answer = answerTo(MANAGER, aQuery().build());

        assertUnavailable(answer);
        assertInsurerFaultLogged(field);
    }

    @Test
    void sameCardTypedInFullWidthIsTheCardAsked() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().number("００１").build());

        assertEquals(ResultCode.VALID, answerTo(MANAGER, aQuery().build()).getResultCode());
        assertTrue(refusals.logged.isEmpty());
    }

    @Test
    void cardWithoutValidFromNeverReachesTheEvaluator() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().validFrom(null).build());

        EligibilityAnswer answer = answerTo(MANAGER, aQuery().build());

        assertUnavailable(answer);
        assertInsurerFaultLogged("validFrom");
    }

    @Test
    void personWithoutBirthDateNeverReachesTheEvaluator() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().insuredBornOn(null).build());

        assertUnavailable(answerTo(MANAGER, aQuery().build()));
        assertInsurerFaultLogged("birthDate");
    }

    @Test
    void rejectedAnswersCountAsTheInsurersFailures() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().number("002").build());

        answerTo(MANAGER, aQuery().build());
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());
        answerTo(MANAGER, aQuery().build());

        assertEquals(List.of("answer rejected", "answered"), insurerOutcomes);
    }

    @Test
    void unreachableRealTimeInsurerIsUnavailableNotNotFound() {
        insurer = exchange -> {
            throw new ConnectException("Connection refused");
        };

        assertUnavailable(answerTo(MANAGER, aQuery().build()), 2);
    }

    @Test
    void realTimeInsurerTimingOutIsUnavailable() {
        insurer = exchange -> {
            throw new SocketTimeoutException("Read timed out");
        };

        assertUnavailable(answerTo(MANAGER, aQuery().build()));
    }

    @Test
    void realTimeInsurersFaultIsUnavailable() {
        insurer = exchange -> {
            throw new SoapFault("A security error was encountered when verifying the message",
                    new QName("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
                            "InvalidSecurity"));
        };

        assertUnavailable(answerTo(MANAGER, aQuery().build()));
    }

    @Test
    void insurerAtPlainHttpOffLoopbackIsNeverCalledAndIsUnavailable() {
        directory.with(withAddress("http://insurer.example.jp/services/insurer-query"));
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());

        assertUnavailable(answerTo(MANAGER, aQuery().build()), 0);
    }

    @Test
    void insurerAtPlainHttpOnLoopbackIsCalled() {
        directory.with(withAddress("http://127.0.0.1:8181/services/insurer-query"));
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());

        assertEquals(ResultCode.VALID, answerTo(MANAGER, aQuery().build()).getResultCode());
        assertEquals(1, insurerRequests.size());
    }

    @Test
    void unknownInsurerIsInsurerNotFound() {
        EligibilityAnswer answer = answerTo(MANAGER, aQuery().insurerNumber("99999999").build());

        assertAll(
                () -> assertEquals(ResultCode.INSURER_NOT_FOUND, answer.getResultCode()),
                () -> assertEquals(List.of("99999999"), directory.asked),
                () -> assertNull(answer.getInsurer()),
                () -> assertNull(answer.getSource()),
                () -> assertNull(answer.getInsured()),
                () -> assertTrue(cards.asked.isEmpty()),
                () -> assertTrue(insurerRequests.isEmpty()),
                () -> assertEquals(1, audit.appended.size(), "a negative answer is recorded too"));
    }

    @Test
    void everyAnswerIsRecordedBeforeReply() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());
        List<EligibilityAnswer> answers = List.of(
                answerTo(MANAGER, aQuery().build()),
                answerTo(STAFF, aQuery().insurerNumber("33120015").symbol("大阪").number("4711").build()),
                answerTo(MANAGER, aQuery().insurerNumber("99999999").build()),
                answerTo(STAFF, aQuery().branchNumber("09").build()));

        assertEquals(answers.size(), audit.appended.size());
        AnswerDigest digest = new AnswerDigest();
        for (int i = 0; i < answers.size(); i++) {
            EligibilityAnswer answer = answers.get(i);
            VerificationEvent event = audit.appended.get(i);
            assertEquals(numbers.issued.get(i), answer.getVerificationNumber());
            assertEquals(answer.getVerificationNumber(), event.answer().getVerificationNumber());
            assertEquals(answer.getResultCode(), event.answer().getResultCode());
            assertEquals(digest.of(answer), event.answerDigest(), "the digest proves what was answered");
        }
        assertSame(MANAGER, audit.appended.get(0).caller());
        assertSame(STAFF, audit.appended.get(1).caller());
    }

    @Test
    void noAnswerLeavesWhenRecordingFails() {
        audit.failure = new IllegalStateException("audit database unavailable");

        Exchange reply = call("verifyEligibility", MANAGER, aQuery().insurerNumber("33120015").symbol("大阪")
                .number("4711").build());

        assertSame(audit.failure, failureOf(reply, IllegalStateException.class));
        assertFalse(reply.getMessage().getBody() instanceof EligibilityAnswer, "an unrecorded answer was replied");
    }

    @Test
    void forwardedRequestCarriesNoCallerHeadersOrProperties() {
        insurer = exchange -> exchange.getMessage().setBody(aCard().build());

        Exchange reply = template.request("direct:entry", exchange -> {
            requestAs(exchange, "verifyEligibility", MANAGER, aQuery().number("００１").build());
            // What else a clinic's request brings along from CXF: its decrypted security header, HTTP headers.
            exchange.getIn().setHeader(Header.HEADER_LIST, List.of("wsse:Security <wsse:Password>secret</wsse:Password>"));
            exchange.getIn().setHeader("Authorization", "Basic dWVubzpzZWNyZXQ=");
            exchange.getIn().setHeader("SOAPAction", "verifyEligibility");
            exchange.setProperty("clinic.note", "must stay at the center");
        });
        assertNull(reply.getException());

        assertEquals(1, insurerRequests.size());
        InsurerRequest forwarded = insurerRequests.get(0);
        assertAll(
                () -> assertEquals(Set.of(CxfConstants.OPERATION_NAME, CxfConstants.DESTINATION_OVERRIDE_URL,
                        CxfConstants.REQUEST_CONTEXT), forwarded.headers().keySet()),
                () -> assertFalse(forwarded.headers().containsKey(CxfConstants.CAMEL_CXF_MESSAGE)),
                () -> assertEquals("queryCard", forwarded.headers().get(CxfConstants.OPERATION_NAME)),
                () -> assertEquals(Insurers.REAL_TIME.endpointAddress(),
                        forwarded.headers().get(CxfConstants.DESTINATION_OVERRIDE_URL)),
                () -> assertEquals(Map.of(InsurerQueryCall.ENCRYPTION_USERNAME, "insurer-00000001",
                                InsurerQueryCall.RECEIVE_TIMEOUT, 7000L, InsurerQueryCall.CONNECTION_TIMEOUT, 7000L),
                        forwarded.headers().get(CxfConstants.REQUEST_CONTEXT)),
                () -> assertEquals(Map.of(), forwarded.properties()),
                () -> assertTrue(forwarded.allProperties().values().stream()
                                .noneMatch(value -> value instanceof Caller || value instanceof Message
                                        || value instanceof EligibilityQuery),
                        () -> "internal properties carry clinic data: " + forwarded.allProperties()),
                // insurerNumber, symbol, number (normalised), requestingInstitution, verificationNumber
                () -> assertEquals(List.of("00000001", "東京", "001", "1310000001", FIRST_NUMBER), forwarded.body()));
    }

    @Test
    void staffWithoutViewRightIsRefusedOnGetVerification() {
        audit.with(recorded(FIRST_NUMBER, STAFF.organisationCode()));

        Exchange reply = call("getVerification", STAFF, FIRST_NUMBER);

        SoapFault fault = failureOf(reply, SoapFault.class);
        assertEquals(SecurityFaults.MESSAGE, fault.getMessage(), "one generic security fault");
        assertEquals(List.of(new Refusal("MISSING_PERMISSION", "ueno-staff", "1310000001", "getVerification",
                "role STAFF lacks any of [VIEW_VERIFICATION_RESULTS, INSURER_GENERAL_WORK, "
                + "SERVICE_LOG_VIEWING]")), refusals.logged);
        assertTrue(audit.searched.isEmpty(), "refused before the record is looked up");
    }

    @Test
    void callerWithoutVerifyRightIsRefusedBeforeAnythingIsIssued() {
        Exchange reply = call("verifyEligibility", INSURER_STAFF, aQuery().build());

        assertEquals(SecurityFaults.MESSAGE, failureOf(reply, SoapFault.class).getMessage());
        assertEquals(1, refusals.logged.size());
        assertEquals("MISSING_PERMISSION", refusals.logged.get(0).reasonCode());
        assertEquals("verifyEligibility", refusals.logged.get(0).operation());
        assertTrue(numbers.issued.isEmpty());
        assertTrue(directory.asked.isEmpty());
        assertTrue(audit.appended.isEmpty());
    }

    @Test
    void requestWithoutAuthenticatedCallerIsRefused() {
        Exchange reply = call("verifyEligibility", null, aQuery().build());

        assertEquals(SecurityFaults.MESSAGE, failureOf(reply, SoapFault.class).getMessage(), "leaks nothing");
        assertEquals("NO_AUTHENTICATED_CALLER", refusals.logged.get(0).reasonCode());
        assertTrue(numbers.issued.isEmpty());
        assertTrue(audit.appended.isEmpty());
    }

    @Test
    void invalidQueryIsRefusedBeforeANumberIsIssued() {
        Exchange reply = call("verifyEligibility", MANAGER, aQuery().insurerNumber("0000001").build());

        InvalidRequestFault fault = failureOf(reply, InvalidRequestFault.class);
        assertEquals("insurerNumber", fault.getFaultInfo().getField());
        assertTrue(numbers.issued.isEmpty(), "never half-processed");
        assertTrue(directory.asked.isEmpty());
        assertTrue(audit.appended.isEmpty());
    }

    @Test
    void ownOrganisationsVerificationIsAnswered() {
        RecordedVerification mine = recorded(FIRST_NUMBER, MANAGER.organisationCode());
        audit.with(mine);

        Exchange reply = call("getVerification", MANAGER, FIRST_NUMBER);

        assertNull(reply.getException());
        assertSame(mine.record(), reply.getMessage().getBody(VerificationRecord.class));
    }

    @Test
    void otherOrganisationsVerificationIsNotFound() {
        audit.with(recorded(FIRST_NUMBER, OTHER_CLINIC.organisationCode()));

        NotFoundFault othersNumber = failureOf(call("getVerification", MANAGER, FIRST_NUMBER), NotFoundFault.class);
        NotFoundFault unknownNumber = failureOf(call("getVerification", MANAGER, "99999999999999999999"),
                NotFoundFault.class);

        assertEquals("VERIFICATION_NOT_FOUND", othersNumber.getFaultInfo().getCode());
        assertEquals("verificationNumber", othersNumber.getFaultInfo().getField());
        // Exactly like a number that does not exist: nothing tells that the number is used elsewhere.
        assertEquals(unknownNumber.getMessage(), othersNumber.getMessage());
        assertEquals(unknownNumber.getFaultInfo().getMessage(), othersNumber.getFaultInfo().getMessage());
        assertEquals(unknownNumber.getFaultInfo().getCode(), othersNumber.getFaultInfo().getCode());
        assertTrue(refusals.logged.isEmpty());
    }

    /** The real-time insurer of the tests at another address. */
    private static InsurerEntry withAddress(String address) {
        InsurerEntry real = Insurers.REAL_TIME;
        return new InsurerEntry(real.insurerNumber(), real.name(), real.address(), real.mode(), address,
                real.certificateAlias(), real.timeout());
    }

    private void assertUnavailable(EligibilityAnswer answer) {
        assertUnavailable(answer, 1);
    }

    /** @param calls a refused connection is retried once (queryCard is idempotent); other failures are not */
    private void assertUnavailable(EligibilityAnswer answer, int calls) {
        assertAll(
                () -> assertEquals(calls, insurerRequests.size()),
                () -> assertEquals(ResultCode.INSURER_UNAVAILABLE, answer.getResultCode()),
                () -> assertEquals(DataSource.REAL_TIME, answer.getSource()),
                () -> assertEquals("00000001", answer.getInsurer().getInsurerNumber()),
                () -> assertNull(answer.getInsured()),
                () -> assertNull(answer.getValidFrom()),
                () -> assertEquals(1, audit.appended.size()),
                () -> assertEquals(ResultCode.INSURER_UNAVAILABLE, audit.appended.get(0).answer().getResultCode()));
    }

    /** One refusal naming the insurer and the field, never the value the insurer sent. */
    private void assertInsurerFaultLogged(String field) {
        assertEquals(1, refusals.logged.size(), () -> "logged: " + refusals.logged);
        Refusal logged = refusals.logged.get(0);
        assertAll(
                () -> assertEquals(InsurerAnswerRejected.REASON_CODE, logged.reasonCode()),
                () -> assertEquals("00000001", logged.organisationCode()),
                () -> assertEquals("queryCard", logged.operation()),
                () -> assertTrue(logged.detail().startsWith("verification " + FIRST_NUMBER + ": " + field + ":"),
                        logged.detail()),
                () -> assertFalse(logged.detail().matches(".*(00000002|大阪|002).*"), logged.detail()));
    }

    private EligibilityAnswer answerTo(Caller caller, EligibilityQuery query) {
        Exchange reply = call("verifyEligibility", caller, query);
        assertNull(reply.getException(), () -> "failed: " + reply.getException());
        return assertInstanceOf(EligibilityAnswer.class, reply.getMessage().getBody());
    }

    private Exchange call(String operation, Caller caller, Object parameter) {
        return template.request("direct:entry", exchange -> requestAs(exchange, operation, caller, parameter));
    }

    /** As the camel-cxf consumer delivers a request: the CXF message (holding the caller), the operation, the parameters. */
    private static void requestAs(Exchange exchange, String operation, Caller caller, Object parameter) {
        if (caller != null) {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.put(Caller.class, caller);
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
        }
        exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, operation);
        exchange.getIn().setBody(List.of(parameter));
    }

    private static <T extends Throwable> T failureOf(Exchange reply, Class<T> type) {
        Throwable failure = reply.getException();
        assertNotNull(failure, "the request was not refused");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but failed with " + failure, failure);
    }

    private static RecordedVerification recorded(String number, String organisationCode) {
        VerificationRecord record = new VerificationRecord();
        record.setVerificationNumber(number);
        record.setRequestedAt(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        record.setRequesterUserId("someone");
        record.setRequesterOrganisation(organisationCode);
        record.setQuery(aQuery().build());
        record.setResultCode(ResultCode.VALID);
        record.setAnswerDigest("0".repeat(64));
        return new RecordedVerification(record, organisationCode, "00000001");
    }
}
