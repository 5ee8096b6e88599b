package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** verifyEligibility's optional requestReference and onBehalfOf: old requests stay valid, the rules of both hold. */
class RequestReferenceContractTest {
    private static Schema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ContractSchemas.load();
    }

    @Test
    void requestWithoutTheNewElementsStaysValid() {
        assertEquals(List.of(), errorsOf(null, null));
    }

    @Test
    void referenceAndOperatorAreAccepted() {
        assertEquals(List.of(), errorsOf("受付-2026-000123", "受付 山田 花子"));
    }

    @Test
    void longestAllowedValuesAreAccepted() {
        assertEquals(List.of(), errorsOf("r".repeat(128), "あ".repeat(100)));
    }

    @ParameterizedTest(name = "reference [{0}] is refused")
    @ValueSource(strings = {"", "   ", "tab&#9;inside", "line&#10;break", "del&#127;", "c1-next-line&#133;"})
    void badReferenceIsRefusedNamingTheElement(String reference) {
        List<String> errors = errorsOf(reference, null);

        assertFalse(errors.isEmpty(), "accepted: " + reference);
        assertTrue(errors.stream().anyMatch(message -> message.contains("requestReference")
                || message.contains("RequestReference")), errors.toString());
    }

    @Test
    void referenceOverTheLimitIsRefused() {
        assertFalse(errorsOf("r".repeat(129), null).isEmpty());
    }

    @ParameterizedTest(name = "operator [{0}] is refused")
    @ValueSource(strings = {"", "  ", "name&#13;", "x&#127;"})
    void badOperatorIsRefused(String operator) {
        assertFalse(errorsOf(null, operator).isEmpty(), "accepted: " + operator);
    }

    @Test
    void operatorOverTheLimitIsRefused() {
        assertFalse(errorsOf(null, "あ".repeat(101)).isEmpty());
    }

    @Test
    void operatorBeforeTheReferenceBreaksTheOrder() {
        String body = request("<e:onBehalfOf>山田</e:onBehalfOf><e:requestReference>r1</e:requestReference>");
        assertFalse(ContractSchemas.errorsOf(schema, new StreamSource(new StringReader(body))).isEmpty());
    }

    private static List<String> errorsOf(String reference, String operator) {
        String extra = (reference == null ? "" : "<e:requestReference>" + reference + "</e:requestReference>")
                + (operator == null ? "" : "<e:onBehalfOf>" + operator + "</e:onBehalfOf>");
        return ContractSchemas.errorsOf(schema, new StreamSource(new StringReader(request(extra))));
    }

    private static String request(String afterQuery) {
        return "<e:verifyEligibility xmlns:e='http://hokensho.jp/verification/eligibility/v1'"
                + " xmlns:t='http://hokensho.jp/verification/types/v1'><e:query>"
                + "<t:insurerNumber>00000001</t:insurerNumber><t:symbol>東京</t:symbol><t:number>001</t:number>"
                + "</e:query>" + afterQuery + "</e:verifyEligibility>";
    }
}
