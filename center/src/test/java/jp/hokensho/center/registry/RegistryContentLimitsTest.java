package jp.hokensho.center.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.hokensho.contract.eligibility.VerifyEligibility;
import jp.hokensho.contract.registry.RegisterCards;
import jp.hokensho.contract.types.EligibilityQuery;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * The decrypted-content limits of center-defaults.properties against what requests really need, counted like
 * DecryptedContentLimits counts the decrypted body: the largest registerCards (1000 cards, each a household of
 * six with kanji and kana names) fits with headroom, and a single verification stays far below.
 */
class RegistryContentLimitsTest {

    @Test
    void thousandLargeHouseholdCardsFitTheLimitsWithHeadroom() throws Exception {
        RegisterCards request = new RegisterCards();
        request.setInsurerNumber("33120015");
        for (int i = 0; i < 1000; i++) {
            request.getCard().add(RegistryCards.household("33120015", "大阪北", String.format("%08d", i)));
        }
        Tally tally = tally(request);
        Properties limits = defaults();
        System.out.printf("registerCards x1000: %d elements, depth %d, %d characters, %d bytes of XML%n",
                tally.elements, tally.depth, tally.chars, tally.bytes);
        assertTrue(tally.elements * 1.5 <= Integer.parseInt(limits.getProperty("center.xml.max-elements")),
                tally.elements + " elements");
        assertTrue(tally.chars * 1.5 <= Integer.parseInt(limits.getProperty("center.xml.max-decrypted-chars")),
                tally.chars + " characters");
        // Encrypted, the body travels as base64 (4/3) inside a signed envelope.
        assertTrue(tally.bytes * 4 / 3 * 1.25 <= Integer.parseInt(limits.getProperty("center.request.max-bytes")),
                tally.bytes + " bytes");
        assertTrue(tally.depth + 2 <= Integer.parseInt(limits.getProperty("center.xml.max-depth")));
    }

    @Test
    void aSingleVerificationStaysFarBelowTheLimits() throws Exception {
        VerifyEligibility request = new VerifyEligibility();
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber("33120015");
        query.setSymbol("大阪北");
        query.setNumber("00000001");
        query.setBranchNumber("00");
        query.setTargetDate(LocalDate.of(2026, 4, 1));
        query.setBirthDate(LocalDate.of(1975, 5, 5));
        request.setQuery(query);
        Tally tally = tally(request);
        Properties limits = defaults();
        System.out.printf("verifyEligibility: %d elements, %d characters%n", tally.elements, tally.chars);
        assertTrue(tally.elements * 100 < Integer.parseInt(limits.getProperty("center.xml.max-elements")));
        assertTrue(tally.chars * 100 < Integer.parseInt(limits.getProperty("center.xml.max-decrypted-chars")));
    }

    private static Tally tally(Object request) throws Exception {
        Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        Marshaller marshaller = JAXBContext.newInstance(request.getClass()).createMarshaller();
        marshaller.marshal(request, document);
        Tally tally = new Tally();
        count(document, 0, tally);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        marshaller.marshal(request, bytes);
        tally.bytes = bytes.size();
        return tally;
    }

    private static void count(Node node, int depth, Tally tally) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                tally.elements++;
                tally.depth = Math.max(tally.depth, depth + 1);
                count(child, depth + 1, tally);
            } else if (child.getNodeType() == Node.TEXT_NODE) {
                tally.chars += child.getNodeValue().length();
            }
        }
    }

    private static Properties defaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RegistryContentLimitsTest.class.getResourceAsStream("/center-defaults.properties")) {
            properties.load(in);
        }
        return properties;
    }

    private static final class Tally {
        int elements;
        int depth;
        long chars;
        long bytes;
    }
}
