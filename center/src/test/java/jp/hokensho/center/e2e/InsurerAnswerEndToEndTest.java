package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.insurer.InsurerQueryPortType;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.service.InsurerEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The center asks a real real-time insurer endpoint (signed and encrypted with the demo insurer's key, in place
 * of the demo adapter) that answers badly: about another card, without a validity date, against the contract.
 * The clinic gets INSURER_UNAVAILABLE, recorded in the audit trail; the insurer's fault is logged without the
 * values it sent; nothing of the bad card is answered.
 */
class InsurerAnswerEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);
    private static final String INSURER_LOGGER = "jp.hokensho.routes.verification.InsurerQueryCall";

    /** How the insurer turns the card asked about into its answer; each test says. */
    private volatile UnaryOperator<CardData> answer = UnaryOperator.identity();
    private InsurerEndpoint insurer;
    private EligibilityPortType clinic;
    private final ListAppender<ILoggingEvent> insurerLog = new ListAppender<>();

    @Override
    Map<String, String> centerOverrides() {
        // The breaker stays closed across this class's failures, so every call reaches the insurer.
        return Map.of("center.insurer.breaker.window", "100", "center.insurer.breaker.minimum-calls", "100");
    }

    @BeforeAll
    void replaceTheInsurer() throws Exception {
        stack.stopInsurer();
        insurer = InsurerEndpoint.publish(AdapterSettings.load(stack.demo.adapterProperties()), new AnsweringInsurer());
        clinic = ClinicClient.connect(stack.client());
        // The first secured calls can outlast the insurer's short test timeout on a busy machine: warm up first,
        // so that each test's INSURER_UNAVAILABLE comes from its answer, not from a slow start.
        ResultCode warm = null;
        for (int attempt = 0; attempt < 10 && warm != ResultCode.VALID; attempt++) {
            warm = verify().getResultCode();
        }
        assertEquals(ResultCode.VALID, warm, "the replacement insurer answers");
    }

    @AfterAll
    void stopTheInsurer() {
        if (insurer != null) {
            insurer.stop();
        }
    }

    @BeforeEach
    void captureInsurerLog() {
        insurerLog.start();
        ((Logger) LoggerFactory.getLogger(INSURER_LOGGER)).addAppender(insurerLog);
    }

    @AfterEach
    void releaseInsurerLog() {
        ((Logger) LoggerFactory.getLogger(INSURER_LOGGER)).detachAppender(insurerLog);
    }

    @Test
    void goodAnswerOfTheSameEndpointIsValid() throws Exception {
        answer = UnaryOperator.identity();

        assertEquals(ResultCode.VALID, verify().getResultCode());
    }

    @Test
    void answerAboutAnotherCardIsUnavailableAndTheInsurersFault() throws Exception {
        answer = card -> {
            card.setNumber("002");
            return card;
        };

        assertRejected(verify(), "number");
    }

    @Test
    void cardWithoutValidFromIsUnavailableAndTheInsurersFault() throws Exception {
        answer = card -> {
            card.setValidFrom(null);
            return card;
        };

        assertRejected(verify(), "validTo");
    }

    @Test
    void contractInvalidAnswerIsUnavailableAndTheInsurersFault() throws Exception {
        answer = card -> {
            card.setInsurerUpdatedAt(null);
            return card;
        };

        assertRejected(verify(), "card");
    }

    private EligibilityAnswer verify() throws Exception {
        return clinic.verifyEligibility(
                VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null);
    }

    /** @param field the element the fault names (a missing element is named by the one found in its place) */
    private void assertRejected(EligibilityAnswer answered, String field) throws Exception {
        String number = answered.getVerificationNumber();
        assertEquals(ResultCode.INSURER_UNAVAILABLE, answered.getResultCode());
        assertEquals(null, answered.getInsured(), "nothing of the rejected card is answered");
        assertEquals(null, answered.getValidTo());

        assertEquals(List.of("INSURER_UNAVAILABLE"),
                db.query("SELECT result_code FROM verification_record WHERE verification_number = ?", number));
        List<String> refusals = db.query("SELECT detail FROM refusal_log WHERE reason_code = ?"
                + " AND organisation_code = '00000001' AND operation = 'queryCard' AND detail LIKE ?",
                RefusalReason.INSURER_ANSWER_REJECTED.name(), "verification " + number + ": %");
        assertEquals(1, refusals.size(), "the insurer's fault is in the unauthorised-access log");
        assertTrue(refusals.get(0).startsWith("verification " + number + ": " + field + ":"), refusals.get(0));
        assertFalse(refusals.get(0).matches(".*(上野|1955-05-05|2004-04-01|\\b002\\b).*"), refusals.get(0));

        List<String> warnings = insurerLog.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(message -> message.contains(number)).toList();
        assertEquals(1, warnings.size(), () -> "logged: " + insurerLog.list);
        assertTrue(warnings.get(0).contains("00000001") && warnings.get(0).contains(field), warnings.get(0));
        assertFalse(warnings.get(0).matches(".*(上野|1955-05-05|\\b002\\b).*"), warnings.get(0));
        assertTrue(metrics().contains("insurer_calls_total{insurer=\"00000001\",outcome=\"unavailable\"}"),
                "counted as the insurer's failure");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + stack.center.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The demo insurer's card 東京/001 as its adapter holds it, passed through {@link #answer}. */
    private final class AnsweringInsurer implements InsurerQueryPortType {
        @Override
        public CardData queryCard(String insurerNumber, String symbol, String number, String requestingInstitution,
                                  String verificationNumber) {
            CardData card = new CardData();
            card.setInsurerNumber(insurerNumber);
            card.setSymbol(symbol);
            card.setNumber(number);
            card.setValidFrom(LocalDate.of(2004, 4, 1));
            card.setValidTo(LocalDate.of(2010, 3, 31));
            CardPerson insured = new CardPerson();
            insured.setBranchNumber("00");
            insured.setName("上野 太郎");
            insured.setSex(Sex.MALE);
            insured.setBirthDate(LocalDate.of(1955, 5, 5));
            insured.setRelationship(Relationship.SELF);
            card.setInsured(insured);
            card.setInsurerUpdatedAt(OffsetDateTime.of(2005, 6, 30, 18, 0, 0, 0, ZoneOffset.ofHours(9)));
            return answer.apply(card);
        }
    }
}
