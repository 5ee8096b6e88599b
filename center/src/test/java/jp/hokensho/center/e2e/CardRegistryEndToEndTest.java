package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.namespace.QName;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.registry.RegistryCards;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.CardDigest;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.registry.CardDigestEntry;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.CardProblem;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.contract.registry.NotFoundFault;
import jp.hokensho.contract.registry.RegisterCards;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.registry.RegistryStatus;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The pre-stored insurer's back office keeps the center's card store up to date through the real
 * CardRegistryService (signed and encrypted SOAP, configured from the demo's registry-client.properties), and a
 * clinic sees the result at once; other organisations' users are refused. Runs once per database (subclasses).
 */
abstract class CardRegistryEndToEndTest extends CenterStackTestBase {
    private static final String INSURER = DemoCards.PRE_STORED_INSURER;
    private static final String REGISTRY_NS = "http://hokensho.jp/verification/registry/v1";
    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    private static final String OTHER_MANAGER = "insurer-00000001-manager";
    private static final String OTHER_PASSWORD = "Other-Insurer-Passw0rd";

    private Properties registryClient;
    private CardRegistryPortType registry;
    private EligibilityPortType clinic;

    @Override
    abstract TestDatabase database(Path dir);

    @BeforeAll
    void connectClients() throws Exception {
        registryClient = ClinicClient.load(stack.demo.registryClientProperties());
        registry = connect(registryClient);
        clinic = ClinicClient.connect(stack.client());
        new UserAccountStore(stack.center.database()).create(OTHER_MANAGER, DemoSeed.REAL_TIME_INSURER,
                "INSURER:BUSINESS_MANAGER", new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(OTHER_PASSWORD));
    }

    @Test
    void insurersManagerKeepsTheCardStoreUpToDateAndClinicsSeeItAtOnce() throws Exception {
        long cardsBefore = registry.getRegistryStatus(INSURER).getCardCount();
        CardData first = RegistryCards.household(INSURER, "北海道", "1001");
        CardData second = RegistryCards.household(INSURER, "北海道", "1002");
        CardData third = RegistryCards.household("３３１２００１５", " 北海道 ", "１００３");
        List<CardData> three = List.of(first, second, third);

        // Registered: three new cards, answered from the card store with the registration's reception time.
        RegistrationResult registered = registry.registerCards(INSURER, three);
        assertCounts(registered, 3, 0, 0, 0);
        OffsetDateTime receivedAt = registered.getReceivedAt();
        EligibilityAnswer answer = clinic.verifyEligibility(
                VerificationEndToEndTest.query(INSURER, "北海道", "1001", DAY), null, null);
        assertEquals(ResultCode.VALID, answer.getResultCode());
        assertEquals(DataSource.PRE_STORED, answer.getSource());
        assertEquals(receivedAt, answer.getCenterReceivedAt());
        assertEquals(RegistryCards.UPDATED_AT.toInstant(), answer.getInsurerUpdatedAt().toInstant());
        assertEquals("髙橋 𠮷太郎", answer.getInsured().getName(), "kanji incl. a supplementary character round-trip");
        assertEquals("タカハシ キチタロウ", answer.getInsured().getNameKana());
        assertEquals("大阪府大阪市北区梅田一丁目1番1号 梅田センタービル12階", answer.getEmployer().getAddress());
        assertEquals("髙橋 ぱぴぷ", answer.getDependent().get(4).getName());
        assertEquals(ResultCode.VALID, clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER, "北海道", "1003",
                DAY), null, null).getResultCode(), "full-width keys were stored normalised");

        // The same cards again: unchanged, the reception time stays.
        assertCounts(registry.registerCards(INSURER, three), 0, 0, 3, 0);
        assertEquals(receivedAt, receivedAtOf("1001"));

        // One card changed: updated, with a new reception time.
        second.setCopaymentPercent(20);
        second.setInsurerUpdatedAt(OffsetDateTime.of(2026, 4, 10, 9, 0, 0, 0, ZoneOffset.ofHours(9)));
        RegistrationResult changed = registry.registerCards(INSURER, List.of(second));
        assertCounts(changed, 0, 1, 0, 0);
        EligibilityAnswer updated = clinic.verifyEligibility(
                VerificationEndToEndTest.query(INSURER, "北海道", "1002", DAY), null, null);
        assertEquals(20, updated.getCopaymentPercent());
        assertEquals(changed.getReceivedAt(), updated.getCenterReceivedAt());
        assertEquals(receivedAt, receivedAtOf("1001"), "the other cards keep theirs");

        // A bad card among good ones: reported by its position, the others applied.
        CardData fourth = RegistryCards.household(INSURER, "北海道", "1004");
        CardData bad = RegistryCards.household(INSURER, "北海道", "1005");
        bad.setValidTo(LocalDate.of(2019, 3, 31));
        CardData notSelf = RegistryCards.household(INSURER, "北海道", "1007");
        notSelf.getInsured().setRelationship(Relationship.SPOUSE);
        CardData sixth = RegistryCards.household(INSURER, "北海道", "1006");
        RegistrationResult mixed = registry.registerCards(INSURER, List.of(fourth, bad, notSelf, sixth));
        assertCounts(mixed, 2, 0, 0, 2);
        assertProblem(mixed.getProblem().get(0), 2, "1005", "INVALID_DATES");
        assertProblem(mixed.getProblem().get(1), 3, "1007", "INSURED_NOT_SELF");
        assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, result("1005", DAY));
        assertEquals(ResultCode.VALID, result("1006", DAY));

        // Eligibility ended: the clinic's answer is EXPIRED from that day.
        LocalDate lost = LocalDate.of(2026, 12, 1);
        OffsetDateTime endedAt = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.ofHours(9));
        OffsetDateTime endReceived = registry.endEligibility(INSURER, "北海道", "１００１", lost, endedAt);
        assertEquals(ResultCode.VALID, result("1001", lost.minusDays(1)));
        assertEquals(ResultCode.EXPIRED, result("1001", lost));
        assertEquals(endReceived, receivedAtOf("1001"));
        first.setQualificationLost(lost);
        first.setInsurerUpdatedAt(endedAt);
        NotFoundFault unknown = assertThrows(NotFoundFault.class,
                () -> registry.endEligibility(INSURER, "北海道", "9999", lost, endedAt));
        assertEquals("CARD_NOT_FOUND", unknown.getFaultInfo().getCode());

        // What the center holds: the counts and the latest times.
        RegistryStatus status = registry.getRegistryStatus(INSURER);
        assertEquals(INSURER, status.getInsurerNumber());
        assertEquals(cardsBefore + 5, status.getCardCount());
        assertEquals(endReceived.toInstant(), status.getLastReceivedAt().toInstant());
        assertEquals(endedAt.toInstant(), status.getLastInsurerUpdatedAt().toInstant());

        // Digest pages in key order, each digest that of the card as sent (and ended).
        List<CardDigestEntry> listed = allDigests(2);
        assertEquals(status.getCardCount(), listed.size());
        List<String> keys = listed.stream().map(entry -> entry.getSymbol() + "/" + entry.getNumber()).toList();
        assertEquals(keys.stream().sorted(Comparator.naturalOrder()).toList(), keys, "key order");
        Map<String, String> digests = new LinkedHashMap<>();
        listed.forEach(entry -> digests.put(entry.getSymbol() + "/" + entry.getNumber(), entry.getDigest()));
        for (CardData sent : List.of(first, second, third, fourth, sixth)) {
            assertEquals(CardDigest.of(sent), digests.get(CardKeys.normalise(sent.getSymbol()) + "/"
                    + CardKeys.normalise(sent.getNumber())), sent.getNumber());
        }
        assertTrue(keys.containsAll(List.of("北海道/1001", "北海道/1003", "大阪/100", "大阪/400")), keys.toString());
    }

    @Test
    void clinicUserWithoutTheCardDataRightIsRefusedAndNothingChanges() throws Exception {
        Properties clinicAtRegistry = new Properties();
        clinicAtRegistry.putAll(stack.client());
        clinicAtRegistry.setProperty("endpoint", registryClient.getProperty("endpoint"));
        CardRegistryPortType asClinic = connect(clinicAtRegistry);
        Snapshot before = snapshot();
        long lastRefusal = db.lastRefusalId();

        SecurityFaults.assertGenericFault(() -> asClinic.registerCards(INSURER, List.of(changedDemoCard())));
        SecurityFaults.assertGenericFault(() -> asClinic.getRegistryStatus(INSURER));

        assertEquals(before, snapshot());
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION"), db.refusalReasonsAfter(lastRefusal),
                "registerCards, then getRegistryStatus");
    }

    @Test
    void anotherInsurersManagerIsRefusedLikeAMissingRightAndNothingChanges() throws Exception {
        CardRegistryPortType asOther = connect(otherInsurersManager());
        Snapshot before = snapshot();
        long lastRefusal = db.lastRefusalId();

        SecurityFaults.assertGenericFault(() -> asOther.registerCards(INSURER, List.of(changedDemoCard())));
        SecurityFaults.assertGenericFault(() -> asOther.endEligibility(INSURER, "大阪", "100", DAY, OffsetDateTime.now()));
        SecurityFaults.assertGenericFault(() -> asOther.listCardDigests(INSURER, null, null, 10));

        assertEquals(before, snapshot());
        assertEquals(List.of("OTHER_INSURER", "OTHER_INSURER", "OTHER_INSURER"), db.refusalReasonsAfter(lastRefusal),
                "registerCards, endEligibility, listCardDigests");
        // Its own insurer is a real-time one: let in, but there is no card store to fill.
        InvalidRequestFault own = assertThrows(InvalidRequestFault.class,
                () -> asOther.getRegistryStatus(DemoSeed.REAL_TIME_INSURER));
        assertEquals("NOT_PRE_STORED", own.getFaultInfo().getCode());
    }

    @Test
    void thousandLargeCardsPassInOneCall() throws Exception {
        List<CardData> cards = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            cards.add(RegistryCards.household(INSURER, "千葉", String.format("%06d", i)));
        }
        RegistrationResult result = registry.registerCards(INSURER, cards);
        assertCounts(result, 1000, 0, 0, 0);
        assertEquals(ResultCode.VALID, clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER, "千葉", "000999",
                DAY), null, null).getResultCode());
    }

    @Test
    void zoneLessTimesOfAJapaneseBackOfficeExportAreReadAsJapanTime() throws Exception {
        // The back office writes its wall-clock time without an offset, as Japanese exports do.
        RegisterCards request = new RegisterCards();
        request.setInsurerNumber(INSURER);
        request.getCard().add(RegistryCards.household(INSURER, "北海道", "2001"));
        Document payload = RawPayloads.marshal(request);
        RawPayloads.setText(payload, "insurerUpdatedAt", "2026-06-01T09:30:00");

        Document answer = RawPayloads.invoke(registryClient, new QName(REGISTRY_NS, "CardRegistryService"),
                new QName(REGISTRY_NS, "CardRegistryPort"), payload);

        assertEquals("1", RawPayloads.text(answer, "inserted"));
        CardDigestEntry stored = allDigests(1000).stream().filter(entry -> entry.getNumber().equals("2001"))
                .findFirst().orElseThrow();
        assertEquals(java.time.Instant.parse("2026-06-01T00:30:00Z"), stored.getInsurerUpdatedAt().toInstant());
    }

    private ResultCode result(String number, LocalDate day) throws Exception {
        return clinic.verifyEligibility(
                VerificationEndToEndTest.query(INSURER, "北海道", number, day), null, null).getResultCode();
    }

    private OffsetDateTime receivedAtOf(String number) throws Exception {
        return clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER, "北海道", number, DAY), null, null)
                .getCenterReceivedAt();
    }

    private List<CardDigestEntry> allDigests(int pageSize) throws Exception {
        List<CardDigestEntry> all = new ArrayList<>();
        String afterSymbol = null;
        String afterNumber = null;
        CardDigestPage page;
        do {
            page = registry.listCardDigests(INSURER, afterSymbol, afterNumber, pageSize);
            assertTrue(page.getEntry().size() <= pageSize);
            all.addAll(page.getEntry());
            if (!page.getEntry().isEmpty()) {
                CardDigestEntry last = page.getEntry().get(page.getEntry().size() - 1);
                afterSymbol = last.getSymbol();
                afterNumber = last.getNumber();
            }
        } while (page.isMore());
        return all;
    }

    /** The demo's valid card 大阪/100 with another co-payment: what a refused caller tries to write. */
    private static CardData changedDemoCard() {
        CardData card = DemoCards.all().get(0);
        card.setCopaymentPercent(10);
        return card;
    }

    /** What a refused call must leave as it was: the holdings and the clinic's answer about 大阪/100. */
    private record Snapshot(long cards, OffsetDateTime lastReceivedAt, Integer copayment, OffsetDateTime received) {
    }

    private Snapshot snapshot() throws Exception {
        RegistryStatus status = registry.getRegistryStatus(INSURER);
        EligibilityAnswer answer = clinic.verifyEligibility(
                VerificationEndToEndTest.query(INSURER, "大阪", "100", DAY), null, null);
        return new Snapshot(status.getCardCount(), status.getLastReceivedAt(), answer.getCopaymentPercent(),
                answer.getCenterReceivedAt());
    }

    private Properties otherInsurersManager() {
        String alias = DemoPki.aliasOf(DemoSeed.REAL_TIME_INSURER);
        Properties as = new Properties();
        as.putAll(registryClient);
        as.setProperty("keystore", stack.demo.dir().resolve("org-" + DemoSeed.REAL_TIME_INSURER + ".p12").toString());
        as.setProperty("keystorePassword", stack.demo.secret(alias));
        as.setProperty("keyAlias", alias);
        as.setProperty("username", OTHER_MANAGER);
        as.setProperty("password", OTHER_PASSWORD);
        return as;
    }

    private static CardRegistryPortType connect(Properties client) throws Exception {
        return AccountClient.connect(CardRegistryPortType.class, client.getProperty("endpoint"),
                new QName(REGISTRY_NS, "CardRegistryService"), new QName(REGISTRY_NS, "CardRegistryPort"), client,
                settings -> { });
    }

    private static void assertCounts(RegistrationResult result, int inserted, int updated, int unchanged,
                                     int rejected) {
        assertEquals(List.of(inserted, updated, unchanged, rejected), List.of(result.getInserted(),
                result.getUpdated(), result.getUnchanged(), result.getRejected()), "inserted, updated, unchanged, "
                + "rejected; problems: " + result.getProblem().stream().map(CardProblem::getMessage).toList());
        assertEquals(rejected, result.getProblem().size());
        assertNotNull(result.getReceivedAt());
    }

    private static void assertProblem(CardProblem problem, int index, String number, String code) {
        assertEquals(index, problem.getIndex());
        assertEquals("北海道", problem.getSymbol());
        assertEquals(number, problem.getNumber());
        assertEquals(code, problem.getCode());
        assertFalse(problem.getMessage().isBlank());
    }
}
