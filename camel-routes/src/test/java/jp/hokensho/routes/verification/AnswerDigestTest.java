package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** The SHA-256 stored with each verification proves what was answered: stable for the same answer, changed by any field. */
class AnswerDigestTest {
    private static final OffsetDateTime ANSWERED_AT = OffsetDateTime.of(2005, 7, 8, 1, 23, 45, 678_000_000, ZoneOffset.UTC);
    private static final OffsetDateTime RECEIVED_AT = OffsetDateTime.of(2005, 7, 1, 3, 0, 0, 0, ZoneOffset.UTC);

    private final AnswerDigest digest = new AnswerDigest();

    @Test
    void sameAnswerGivesTheSameDigest() {
        assertEquals(digest.of(screensAnswer()), digest.of(screensAnswer()));
        EligibilityAnswer answer = screensAnswer();
        assertEquals(digest.of(answer), new AnswerDigest().of(answer), "another instance, e.g. years later");
    }

    @Test
    void digestIsSixtyFourLowerCaseHexCharacters() {
        assertTrue(digest.of(screensAnswer()).matches("[0-9a-f]{64}"), digest.of(screensAnswer()));
    }

    /**
     * Computed once (and checked independently with Python's xml.etree.ElementTree.canonicalize over JAXB's
     * serialisation): a change of method, JAXB, Santuario or the contract's serialisation shows here.
     */
    @Test
    void theScreensAnswerHasItsFixedCanonicalDigest() {
        assertEquals("69e2ffd1f57c9377ece66151bb252220dee74ab85e8bf9ce704bd6eb6ec4d2be", digest.of(screensAnswer()));
        assertEquals(AnswerDigest.EXCLUSIVE_C14N, AnswerDigest.CURRENT_VERSION);
    }

    /** Records made before the canonical form keep their JAXB digest: version 1 still checks them. */
    @Test
    void versionOneRecordsStillCheckWithTheJaxbDigest() {
        String recordedBeforeVersionTwo = "659411461ec5412a3171da35d1523e8032c968818c0bf84f30e676af81f65973";

        assertEquals(recordedBeforeVersionTwo, digest.of(screensAnswer(), AnswerDigest.JAXB_SERIALISATION));
        assertTrue(digest.matches(screensAnswer(), AnswerDigest.JAXB_SERIALISATION, recordedBeforeVersionTwo));
        assertFalse(digest.matches(screensAnswer(), AnswerDigest.EXCLUSIVE_C14N, recordedBeforeVersionTwo));
        assertThrows(IllegalArgumentException.class, () -> digest.of(screensAnswer(), 3));
    }

    @Test
    void digestIsTheSha256OfTheCanonicalUtf8Document() throws Exception {
        EligibilityAnswer answer = screensAnswer();
        byte[] xml = digest.canonicalXml(answer);

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml)), digest.of(answer));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<answer xmlns=\"http://hokensho.jp/verification/types/v1\"><verificationNumber>"),
                text);
        assertTrue(text.contains("上野 太郎") && text.contains("〇〇〇健康保険組合"), text);
        assertTrue(!text.contains("\n") && !text.contains("<?xml"), "no formatting, no declaration");
    }

    /** Another XML stack's serialisation of the same answer: other prefix, declarations, indentation, comments. */
    @Test
    void digestIsTheSameUnderAnotherPrefixDeclarationOrderAndIndentation() throws Exception {
        String jaxb = new String(digest.canonicalXml(screensAnswer()), StandardCharsets.UTF_8);
        String prefixed = jaxb.replaceAll("<(/?)([a-zA-Z])", "<$1v:$2")
                .replace("<v:answer xmlns=", "<v:answer xmlns:x=\"urn:unused\" xmlns:v=")
                .replace("</v:query>", "</v:query>\n  <!-- a comment -->\n  ");
        assertTrue(prefixed.startsWith("<v:answer xmlns:x=\"urn:unused\" xmlns:v=\"http://hokensho.jp/"), prefixed);
        String otherDeclarationOrder = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + jaxb.replace("<answer xmlns=",
                "<answer xmlns:y=\"urn:also-unused\" xmlns=").replace("><", ">\n    <");

        assertEquals(digest.of(screensAnswer()), AnswerDigest.of(parse(prefixed)));
        assertEquals(digest.of(screensAnswer()), AnswerDigest.of(parse(otherDeclarationOrder)));
        assertNotEquals(digest.of(screensAnswer()), AnswerDigest.of(parse(prefixed.replace("上野 太郎", "上野 太朗"))),
                "content still counts");
    }

    @Test
    void attributeOrderDoesNotChangeTheDigest() throws Exception {
        String namespace = "xmlns=\"http://hokensho.jp/verification/types/v1\"";
        String one = "<answer " + namespace + " b=\"2\" a=\"1\"><name xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:nil=\"true\" c=\"3\"/></answer>";
        String other = "<t:answer a=\"1\" xmlns:t=\"http://hokensho.jp/verification/types/v1\" b=\"2\"><t:name c=\"3\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"true\"></t:name></t:answer>";

        assertEquals(AnswerDigest.of(parse(one)), AnswerDigest.of(parse(other)));
        assertNotEquals(AnswerDigest.of(parse(one)), AnswerDigest.of(parse(other.replace("a=\"1\"", "a=\"9\""))));
        String twoNamespaces = "<answer " + namespace + " xmlns:p=\"urn:p\" xmlns:q=\"urn:q\" q:y=\"2\" p:x=\"1\"/>";
        String swappedPrefixes = "<answer " + namespace + " xmlns:q=\"urn:p\" xmlns:p=\"urn:q\" q:x=\"1\" p:y=\"2\"/>";
        assertEquals(AnswerDigest.of(parse(twoNamespaces)), AnswerDigest.of(parse(swappedPrefixes)));
    }

    private static Element parse(String xml) throws Exception {
        return DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangedFieldChangesTheDigest(String field, Consumer<EligibilityAnswer> change) {
        EligibilityAnswer changed = screensAnswer();
        change.accept(changed);

        assertNotEquals(digest.of(screensAnswer()), digest.of(changed), field);
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("verificationNumber", a -> a.setVerificationNumber("00000000000000000710")),
                change("resultCode", a -> a.setResultCode(ResultCode.EXPIRED)),
                change("query.insurerNumber", a -> a.getQuery().setInsurerNumber("00000002")),
                change("query.symbol", a -> a.getQuery().setSymbol("東 京")),
                change("query.number", a -> a.getQuery().setNumber("002")),
                change("query.branchNumber", a -> a.getQuery().setBranchNumber("00")),
                change("query.targetDate", a -> a.getQuery().setTargetDate(LocalDate.of(2005, 7, 9))),
                change("query.birthDate", a -> a.getQuery().setBirthDate(LocalDate.of(1955, 5, 5))),
                change("answeredAt by a millisecond", a -> a.setAnsweredAt(ANSWERED_AT.plusNanos(1_000_000))),
                change("source", a -> a.setSource(DataSource.REAL_TIME)),
                change("insurer.name", a -> a.getInsurer().setName("〇〇健康保険組合")),
                change("insurer.address", a -> a.getInsurer().setAddress(null)),
                change("validFrom", a -> a.setValidFrom(LocalDate.of(2004, 4, 2))),
                change("validTo", a -> a.setValidTo(LocalDate.of(2010, 3, 30))),
                change("qualificationAcquired", a -> a.setQualificationAcquired(null)),
                change("qualificationLost", a -> a.setQualificationLost(LocalDate.of(2010, 4, 1))),
                change("copaymentPercent", a -> a.setCopaymentPercent(20)),
                change("employer.address", a -> a.getEmployer().setAddress("東京都港区港南1-9-2")),
                change("employer removed", a -> a.setEmployer(new Party())),
                change("insured.name", a -> a.getInsured().setName("上野 太朗")),
                change("insured.nameKana", a -> a.getInsured().setNameKana("ウエノ タロウ")),
                change("insured.age", a -> a.getInsured().setAge(51)),
                change("insured.birthDate", a -> a.getInsured().setBirthDate(LocalDate.of(1955, 5, 6))),
                change("dependent.relationship", a -> a.getDependent().get(1).setRelationship(Relationship.SECOND_DAUGHTER)),
                change("dependent removed", a -> a.getDependent().remove(4)),
                change("dependents reordered", a -> a.getDependent().add(a.getDependent().remove(0))),
                change("subject", a -> a.setSubject(a.getInsured())),
                change("insurerUpdatedAt", a -> a.setInsurerUpdatedAt(CardDataBuilder.INSURER_UPDATED_AT.plusSeconds(1))),
                change("centerReceivedAt", a -> a.setCenterReceivedAt(null)));
    }

    private static Arguments change(String field, Consumer<EligibilityAnswer> change) {
        return Arguments.of(field, change);
    }

    /** The screen's answer as the route builds it from a pre-stored card. */
    private static EligibilityAnswer screensAnswer() {
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber("00000000000000000709");
        answer.setQuery(aQuery().build());
        answer.setAnsweredAt(ANSWERED_AT);
        new EligibilityEvaluator().evaluate(answer, Insurers.REAL_TIME, aCard().build(), DataSource.PRE_STORED, RECEIVED_AT);
        return answer;
    }
}
