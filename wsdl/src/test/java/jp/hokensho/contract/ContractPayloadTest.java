package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import jp.hokensho.contract.eligibility.VerifyEligibilityResponse;
import jp.hokensho.contract.insurer.QueryCardResponse;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/**
 * The generated JAXB classes serialise the contract as its expected payloads say (compared with XMLUnit, not
 * as strings), and Japanese text, supplementary characters and dates survive a round trip through UTF-8 bytes.
 */
class ContractPayloadTest {
    private static JAXBContext jaxb;
    private static Schema schema;

    @BeforeAll
    static void setUp() throws JAXBException {
        jaxb = JAXBContext.newInstance(VerifyEligibilityResponse.class, QueryCardResponse.class);
        schema = ContractSchemas.load();
    }

    @Test
    void seedAnswerSerialisesAsTheExpectedPayload() throws JAXBException {
        byte[] actual = marshal(seedResponse());

        assertSimilar("expected/verifyEligibilityResponse-seed.xml", actual);
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, new StreamSource(new ByteArrayInputStream(actual))));
    }

    @Test
    void seedAnswerRoundTripsJapaneseTextAndDates() throws JAXBException {
        EligibilityAnswer back = ((VerifyEligibilityResponse) unmarshal(marshal(seedResponse()))).getAnswer();

        assertEquals("00000000000000000709", back.getVerificationNumber());
        assertEquals(ResultCode.VALID, back.getResultCode());
        assertEquals("東京", back.getQuery().getSymbol());
        assertEquals(LocalDate.of(2005, 7, 8), back.getQuery().getTargetDate());
        assertNull(back.getQuery().getBirthDate());
        assertEquals("〇〇〇健康保険組合", back.getInsurer().getName());
        assertEquals("東京都〇〇区××1-1-1", back.getInsurer().getAddress());
        assertEquals("NTTコムウェア", back.getEmployer().getName());
        assertEquals(LocalDate.of(2004, 4, 1), back.getValidFrom());
        assertEquals(LocalDate.of(2010, 3, 31), back.getValidTo());
        assertEquals(SeedScreen.ANSWERED_AT, back.getAnsweredAt());
        // The offset the insurer gave is kept, not only the instant.
        assertEquals(SeedScreen.INSURER_UPDATED_AT, back.getInsurerUpdatedAt());
        assertEquals("上野 太郎", back.getInsured().getName());
        assertEquals("ウエノ タロウ", back.getInsured().getNameKana());
        assertEquals(50, back.getInsured().getAge());
        assertEquals(List.of("上野 一子 44 SPOUSE", "上野 次子 22 ELDEST_DAUGHTER", "上野 三郎 19 ELDEST_SON",
                        "上野 四郎 17 SECOND_SON", "上野 五郎 69 FATHER"),
                back.getDependent().stream().map(ContractPayloadTest::line).toList());
    }

    @Test
    void expectedSeedPayloadReadsBackAsTheSeedAnswer() throws JAXBException {
        // The other direction: the file a clinic would receive unmarshals to the same objects.
        VerifyEligibilityResponse read = (VerifyEligibilityResponse) jaxb.createUnmarshaller()
                .unmarshal(ContractSchemas.resource("expected/verifyEligibilityResponse-seed.xml"));

        assertSimilar("expected/verifyEligibilityResponse-seed.xml", marshal(read));
        assertEquals(Relationship.FATHER, read.getAnswer().getDependent().get(4).getRelationship());
    }

    @Test
    void insurerCardDataSerialisesAsTheExpectedPayload() throws JAXBException {
        byte[] actual = marshal(cardResponse(SeedScreen.yoshidaCard()));

        assertSimilar("expected/queryCardResponse-yoshida.xml", actual);
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, new StreamSource(new ByteArrayInputStream(actual))));
    }

    @Test
    void insurerCardDataRoundTripsSupplementaryCharactersAndDates() throws JAXBException {
        CardData back = ((QueryCardResponse) unmarshal(marshal(cardResponse(SeedScreen.yoshidaCard())))).getCard();

        assertEquals("𠮷田 花子", back.getInsured().getName());
        assertEquals(0x20BB7, back.getInsured().getName().codePointAt(0), "𠮷 must stay one code point");
        assertEquals("𠮷田 髙志", back.getDependent().get(0).getName());
        assertEquals("〇〇商事株式会社", back.getEmployer().getName());
        assertEquals("大阪１", back.getSymbol(), "the card's data is passed on as the insurer holds it");
        assertEquals(LocalDate.of(1952, 2, 29), back.getInsured().getBirthDate());
        assertNull(back.getValidTo());
        assertEquals(LocalDate.of(2026, 4, 1), back.getQualificationLost());
        assertEquals(OffsetDateTime.of(2026, 3, 31, 23, 59, 59, 999_000_000, ZoneOffset.ofHours(9)),
                back.getInsurerUpdatedAt());
        assertEquals(20, back.getCopaymentPercent());
    }

    @Test
    void insurerWithoutTheCardAnswersAnEmptyResponse() throws JAXBException {
        QueryCardResponse back = (QueryCardResponse) unmarshal(marshal(new QueryCardResponse()));

        assertNull(back.getCard());
    }

    private static VerifyEligibilityResponse seedResponse() {
        VerifyEligibilityResponse response = new VerifyEligibilityResponse();
        response.setAnswer(SeedScreen.answer());
        return response;
    }

    private static QueryCardResponse cardResponse(CardData card) {
        QueryCardResponse response = new QueryCardResponse();
        response.setCard(card);
        return response;
    }

    private static String line(Person person) {
        return person.getName() + " " + person.getAge() + " " + person.getRelationship();
    }

    private static byte[] marshal(Object document) throws JAXBException {
        Marshaller marshaller = jaxb.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marshaller.marshal(document, out);
        return out.toByteArray();
    }

    private static Object unmarshal(byte[] xml) throws JAXBException {
        return jaxb.createUnmarshaller().unmarshal(new ByteArrayInputStream(xml));
    }

    private static void assertSimilar(String expectedPath, byte[] actual) {
        Diff diff = DiffBuilder.compare(Input.fromURL(ContractSchemas.resource(expectedPath)))
                .withTest(Input.fromByteArray(actual))
                .ignoreWhitespace()
                .ignoreComments()
                .checkForSimilar()
                .build();
        assertFalse(diff.hasDifferences(), () -> "payload differs from " + expectedPath + ":\n"
                + StreamSupport.stream(diff.getDifferences().spliterator(), false)
                        .map(Object::toString).collect(Collectors.joining("\n"))
                + "\n--- actual ---\n" + new String(actual, StandardCharsets.UTF_8));
    }
}
