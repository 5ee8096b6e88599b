package jp.hokensho.center.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.hokensho.routes.port.RefusalLog;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The contract check names the offending field for every kind of contract-invalid request. */
class ContractValidationInterceptorTest {
    private static final RefusalLog IGNORED = (reason, user, organisation, operation, detail) -> { };
    private final ContractValidationInterceptor validation =
            new ContractValidationInterceptor(ContractSchemas.centerServices(), IGNORED);

    @Test
    void validRequestPasses() throws Exception {
        assertNull(validation.validate(request("00000001", "東京", "001", "2005-07-08")));
        assertNull(validation.validate(request("０００００００１", "東京", "００１", "2005-07-08")),
                "full-width digits are normalised later, not refused");
    }

    @Test
    void sevenDigitInsurerNumberNamesInsurerNumber() throws Exception {
        assertEquals("insurerNumber", validation.validate(request("1234567", "東京", "001", "2005-07-08")).field());
    }

    @Test
    void impossibleDateNamesTargetDate() throws Exception {
        SchemaValidator.Violation violation =
                validation.validate(request("00000001", "東京", "001", "2005-13-45"));
        assertEquals("targetDate", violation.field());
        assertTrue(violation.message().startsWith("cvc-datatype-valid"), violation.message());
        assertFalse(violation.message().contains("2005-13-45"), "the value is not repeated: " + violation.message());
    }

    @Test
    void oneThreadsValidatorIsReusedAfterAnInvalidPayload() throws Exception {
        assertEquals("symbol", validation.validate(request("00000001", "東".repeat(41), "001", "2005-07-08")).field());
        assertNull(validation.validate(request("00000001", "東京", "001", "2005-07-08")), "no state left behind");
        assertEquals("number", validation.validate(request("00000001", "東京", "", "2005-07-08")).field());
    }

    @Test
    void missingSymbolIsNamed() throws Exception {
        String xml = """
                <e:verifyEligibility xmlns:e="http://hokensho.jp/verification/eligibility/v1"
                    xmlns:t="http://hokensho.jp/verification/types/v1"><e:query>
                  <t:insurerNumber>00000001</t:insurerNumber><t:number>001</t:number></e:query></e:verifyEligibility>""";
        SchemaValidator.Violation violation = validation.validate(parse(xml));
        assertTrue(violation.message().contains("symbol"), violation.message());
    }

    @Test
    void badVerificationNumberIsNamed() throws Exception {
        String xml = """
                <e:getVerification xmlns:e="http://hokensho.jp/verification/eligibility/v1">
                  <e:verificationNumber>123</e:verificationNumber></e:getVerification>""";
        assertEquals("verificationNumber", validation.validate(parse(xml)).field());
    }

    @Test
    void accountRequestsAreCheckedByTheSameSchemas() throws Exception {
        assertNull(validation.validate(parse("""
                <a:changePassword xmlns:a="http://hokensho.jp/verification/account/v1">
                  <a:oldPassword>Old-Passw0rd-1</a:oldPassword><a:newPassword>Ｎｅｗ－Ｐａｓｓ－２０２６</a:newPassword>
                </a:changePassword>""")));
        SchemaValidator.Violation missing = validation.validate(parse("""
                <a:changePassword xmlns:a="http://hokensho.jp/verification/account/v1">
                  <a:oldPassword>Old-Passw0rd-1</a:oldPassword></a:changePassword>"""));
        assertTrue(missing.message().contains("newPassword"), missing.message());
        assertTrue(!missing.message().contains("Old-Passw0rd-1"), "a password is never quoted: " + missing.message());
    }

    private static Element request(String insurer, String symbol, String number, String date) throws Exception {
        return parse("""
                <e:verifyEligibility xmlns:e="http://hokensho.jp/verification/eligibility/v1"
                    xmlns:t="http://hokensho.jp/verification/types/v1"><e:query>
                  <t:insurerNumber>%s</t:insurerNumber><t:symbol>%s</t:symbol><t:number>%s</t:number>
                  <t:targetDate>%s</t:targetDate></e:query></e:verifyEligibility>""".formatted(insurer, symbol,
                number, date));
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }
}
