package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.sync.CardSync;
import jp.hokensho.insurer.sync.Reconciliation;
import jp.hokensho.insurer.sync.RegistryClient;
import jp.hokensho.insurer.sync.ReconciliationReport;
import jp.hokensho.insurer.sync.SyncSettings;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.sync.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pre-stored insurer's card server keeps the real center's card store up to date: a full load, deltas
 * (new, changed, ended), a sync broken off midway that converges when re-run, and a clean reconciliation,
 * all over the real CardRegistryService with the insurer's own key and user.
 */
class PreStoredSyncEndToEndTest {
    private static final String INSURER = "33120015";
    private static final String HEADER = String.join(",", CsvCardLoader.COLUMNS);

    @Test
    void insurerCardServerSyncsItsCardsIntoTheCenterAndConverges(@TempDir Path dir) throws Exception {
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings())) {
            String registry = stack.center.eligibilityAddress().replace("/services/eligibility", "/services/registry");
            try (RecordingProxy network = new RecordingProxy(registry)) {
                Path cards = dir.resolve("cards.csv");
                Files.writeString(cards, csv(cardRows(1, 6, "2031-03-31", "")), StandardCharsets.UTF_8);
                InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.of(
                        preStoredAdapter(stack, dir, network.address(), cards)));
                try {
                    AdapterSettings settings = AdapterSettings.of(preStoredAdapter(stack, dir, network.address(), cards));
                    SyncReport full = CardSync.connect(settings, adapter.dataSource()).run(Set.of(INSURER));
                    assertTrue(full.ok(), full.toString());
                    EligibilityPortType clinic = ClinicClient.connect(stack.client());
                    EligibilityAnswer answer = clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER,
                            "名古屋", "503", LocalDate.of(2026, 1, 5)), null, null);
                    assertEquals(ResultCode.VALID, answer.getResultCode());
                    assertEquals(DataSource.PRE_STORED, answer.getSource());

                    // Changes at the insurer: card 1 ends, card 2 changes, card 7 is new.
                    List<String> changed = cardRows(3, 6, "2031-03-31", "");
                    changed.add(0, row(1, "2031-03-31", "2026-02-01"));
                    changed.add(1, row(2, "2032-03-31", ""));
                    changed.add(row(7, "2031-03-31", ""));
                    Files.writeString(cards, csv(changed), StandardCharsets.UTF_8);
                    new CsvCardLoader(adapter.cards(), adapter.dataSource(), Set.of(INSURER), true)
                            .load(cards.toString());

                    network.passOnly = network.requests.size() + 1;
                    SyncReport broken = CardSync.connect(settings, adapter.dataSource()).run(Set.of(INSURER));
                    assertFalse(broken.ok(), "the second chunk could not be delivered");
                    network.passOnly = Integer.MAX_VALUE;
                    SyncReport resumed = CardSync.connect(settings, adapter.dataSource()).run(Set.of(INSURER));
                    assertTrue(resumed.ok(), resumed.toString());

                    assertEquals(ResultCode.EXPIRED, clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER,
                            "名古屋", "501", LocalDate.of(2026, 3, 1)), null, null).getResultCode(),
                            "ended at the insurer");
                    assertEquals(LocalDate.of(2032, 3, 31), clinic.verifyEligibility(VerificationEndToEndTest.query(
                            INSURER, "名古屋", "502", LocalDate.of(2026, 3, 1)), null, null).getValidTo(), "changed");
                    assertEquals(ResultCode.VALID, clinic.verifyEligibility(VerificationEndToEndTest.query(INSURER,
                            "名古屋", "507", LocalDate.of(2026, 3, 1)), null, null).getResultCode(), "new");
                    ReconciliationReport report = new Reconciliation(new ChangeFeed(adapter.dataSource()),
                            RegistryClient.connect(settings, SyncSettings.from(settings)), 100).compare(INSURER);
                    // The demo seeded 大阪/100…400 straight into the center: only those differ, as ONLY_AT_CENTER.
                    assertEquals(List.of("ONLY_AT_CENTER 大阪/100", "ONLY_AT_CENTER 大阪/200", "ONLY_AT_CENTER 大阪/300",
                            "ONLY_AT_CENTER 大阪/400"), report.differences().stream()
                            .map(difference -> difference.kind() + " " + difference.symbol() + "/" + difference.number())
                            .sorted().toList(), report.summary());
                } finally {
                    adapter.stop();
                }
            }
        }
    }

    private static Properties preStoredAdapter(CenterStack stack, Path dir, String registryUrl, Path cards) {
        String alias = DemoPki.aliasOf(INSURER);
        Properties p = new Properties();
        p.setProperty("adapter.insurer-numbers", INSURER);
        p.setProperty("adapter.mode", "PRE_STORED");
        p.setProperty("adapter.data-dir", dir.resolve("adapter-" + INSURER).toString());
        p.setProperty("adapter.keystore.path", dir.resolve("demo/" + alias + ".p12").toString());
        p.setProperty("adapter.keystore.password", stack.demo.secret(alias));
        p.setProperty("adapter.keystore.alias", alias);
        p.setProperty("adapter.truststore.path", dir.resolve("demo/" + alias + "-truststore.p12").toString());
        p.setProperty("adapter.truststore.password", stack.demo.secret("truststore"));
        p.setProperty("adapter.center.registry-url", registryUrl);
        p.setProperty("adapter.registry.username", "insurer-" + INSURER + "-manager");
        p.setProperty("adapter.registry.password", stack.demo.secret("user.insurer-" + INSURER + "-manager"));
        p.setProperty("adapter.sync.chunk-size", "2");
        p.setProperty("adapter.demo-cards", cards.toString());
        return p;
    }

    private static List<String> cardRows(int from, int to, String validTo, String lost) {
        List<String> rows = new ArrayList<>();
        for (int card = from; card <= to; card++) {
            rows.add(row(card, validTo, lost));
        }
        return rows;
    }

    private static String row(int card, String validTo, String lost) {
        return INSURER + ",名古屋,50" + card + ",00,中村 " + card + "郎,ナカムラ,MALE,1980-01-0" + card
                + ",SELF,2021-04-01," + validTo + ",2021-04-01," + lost + ",30,株式会社なごや,愛知県名古屋市中区1-1,"
                + "2026-0" + (lost.isEmpty() && !validTo.startsWith("2032") ? "1" : "2") + "-01T09:00:00+09:00";
    }

    private static String csv(List<String> rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

}
