package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterSession;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The center staff's screens in a real browser, on a portal run with the center staff's key
 * (console-client.properties): the operations manager searches the clinic's verification records, traces one, saves
 * the search as CSV (a real download), and opens the usage report (table, CSV download, chart image); the system
 * administrator sees no export button and is refused the export. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CenterLogsBrowserTest {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private ConsolePortal stack;
    private Browser browser;
    private Path downloads;
    private final List<String> numbers = new ArrayList<>();

    /**
     * The center, the insurer adapter and a portal configured from console-client.properties. Minimal, until
     * PortalStack can start the portal with the console key.
     */
    static final class ConsolePortal implements AutoCloseable {
        final DemoEnvironment demo;
        final CenterApplication center;
        final InsurerAdapter adapter;
        final PortalServer portal;

        ConsolePortal(Path dir) throws IOException {
            demo = new DemoEnvironment(new DemoOptions(dir, PortalStack.freePort(), PortalStack.freePort(),
                    DatabaseSettings.h2File(dir.resolve("center-db")), PortalStack.TEST_PBKDF2_ITERATIONS, 10_000),
                    Clock.systemUTC()).prepare();
            adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
            center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), Map.of()), Clock.systemUTC());
            Map<String, String> settings = PortalStack.portalSettings(demo, demo.centerAddress());
            Properties console = new Properties();
            try (var reader = Files.newBufferedReader(demo.consoleClientProperties())) {
                console.load(reader);
            }
            settings.put("portal.keystore.path", console.getProperty("keystore"));
            settings.put("portal.keystore.password", console.getProperty("keystorePassword"));
            settings.put("portal.key.alias", console.getProperty("keyAlias"));
            settings.put("portal.truststore.path", console.getProperty("truststore"));
            settings.put("portal.truststore.password", console.getProperty("truststorePassword"));
            settings.put("portal.server.alias", console.getProperty("serverAlias"));
            portal = PortalServer.start(PortalSettings.load(null, settings), Clock.systemUTC());
        }

        String url(String path) {
            return portal.url() + path.replaceFirst("^/", "");
        }

        @Override
        public void close() {
            portal.close();
            center.close();
            adapter.stop();
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        browser = Browser.start();
        downloads = Files.createDirectories(dir.resolve("downloads"));
        browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        stack = new ConsolePortal(dir.resolve("stack"));
        // Today's verifications of the clinic, through the clinic's key: 3 valid (one a re-verification), 1 expired.
        CenterSession manager = new CenterConnector(PortalSettings.load(null,
                PortalStack.portalSettings(stack.demo, stack.demo.centerAddress())))
                .open(DemoSeed.CLINIC_MANAGER, stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER));
        LocalDate preStoredDay = LocalDate.of(2025, 6, 1);
        numbers.add(manager.verify(query("33120015", "大阪", "100", preStoredDay)).getVerificationNumber());
        numbers.add(manager.verify(query("33120015", "大阪", "200", preStoredDay)).getVerificationNumber());
        numbers.add(manager.verify(query("33120015", "大阪", "100", preStoredDay)).getVerificationNumber());
        numbers.add(manager.verify(query("00000001", "東京", "001", LocalDate.of(2005, 7, 8))).getVerificationNumber());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.open(stack.url("/login"));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void theOperationsManagerSearchesTracesAndSavesTheClinicsRecords() throws Exception {
        login(DemoSeed.CENTER_OPERATIONS_MANAGER);
        browser.submit("logs-tab");
        assertEquals("サービスログ", browser.driver.findElement(By.tagName("h1")).getText());
        new Select(browser.byId("log")).selectByValue("VERIFICATION");
        browser.type("organisationCode", DemoSeed.CLINIC);
        browser.submit("search");
        assertEquals("全4件中 1～4件を表示", browser.text("logs-count"));
        List<List<String>> rows = rows("#logs-table");
        assertEquals(4, rows.size());
        assertEquals(numbers.get(3), rows.get(0).get(4), "newest first");
        assertTrue(rows.stream().allMatch(row -> row.get(5).contains("card#")), rows.toString());
        assertFalse(browser.driver.getPageSource().contains("大阪"), "cards by HMAC, never by symbol");
        browser.screenshot("center-logs-search");

        Path csv = download(() -> browser.byId("export").click(), ".csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "BOM");
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))).getRecords();
        List<String> exported = new ArrayList<>(records.stream().map(r -> r.get("認証番号")).toList());
        java.util.Collections.reverse(exported);
        assertEquals(numbers, exported, "every record, newest first");

        browser.type("verificationNumber", numbers.get(0));
        browser.submit("trace");
        assertEquals("記録は改ざんされていません（ハッシュ一致）", browser.text("trace-heading"));
        assertEquals(numbers.get(0), browser.text("trace-number"));
        assertEquals("この要求のアクセスログ: 1件", browser.text("trace-access-count"));
        assertEquals("urn:verifyEligibility", rows("#trace-access").get(0).get(2));
        browser.screenshot("center-logs-trace");
    }

    @Test
    void theUsageReportShowsItsTableSavesItsCsvAndDrawsItsChart() throws Exception {
        login(DemoSeed.CENTER_OPERATIONS_MANAGER);
        browser.submit("usage-tab");
        String today = LocalDate.now(JAPAN).toString();
        browser.set("from", today);
        browser.set("to", today);
        browser.submit("show");
        List<List<String>> rows = rows("#usage-table");
        List<String> clinicDay = rows.stream().filter(row -> row.get(0).contains(DemoSeed.CLINIC)
                && row.get(1).equals(today)).findFirst().orElseThrow(() -> new AssertionError(rows.toString()));
        // accesses, 有効, 有効期限切れ, 記号番号なし, 保険者番号なし, 有効期間前, 保険者接続不可, 再認証
        assertEquals(List.of("4", "3", "1", "0", "0", "0", "0", "1"), clinicDay.subList(2, 10));
        assertEquals(List.of("1医療機関合計", "合計", "4"), rows.get(rows.size() - 1).subList(0, 3));

        WebElement chart = browser.byId("usage-chart");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                browser.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", chart)));
        assertEquals(1000L, browser.driver.executeScript("return arguments[0].naturalWidth;", chart), "the PNG loaded");
        browser.screenshot("center-usage-report");

        Path csv = download(() -> browser.byId("usage-csv").click(), ".csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF医療機関コード,医療機関名,期間"), text);
        assertTrue(text.contains(DemoSeed.CLINIC + ",上野の森クリニック," + today + "," + today + "," + today + ",4,3,1,"),
                text);
    }

    @Test
    void theMonthlyReportShowsThisMonthsVerificationsAndTheRealTimeInsurer() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.submit("monthly-tab");
        assertEquals("月次運用報告", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("4", browser.text("verifications"), "the clinic's four verifications of this month");
        assertTrue(rows("#availability").stream().anyMatch(row -> row.get(0).startsWith(DemoSeed.REAL_TIME_INSURER)),
                rows("#availability").toString());
        browser.screenshot("center-monthly-report");
        Path csv = download(() -> browser.byId("monthly-csv").click(), ".csv");
        assertTrue(Files.readString(csv, StandardCharsets.UTF_8).startsWith("\uFEFF月次運用報告,"
                + java.time.YearMonth.now(JAPAN)), "the month's CSV");
    }

    @Test
    void theSystemAdministratorSearchesButHasNoExport() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.submit("logs-tab");
        assertTrue(browser.driver.findElements(By.id("export")).isEmpty(), "no CSV button without log management");
        String csrf = browser.driver.findElement(By.cssSelector("input[name='_csrf']")).getDomProperty("value");
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.url("/logs"))).header("Cookie", "PORTAL_SESSION=" + browser.cookie("PORTAL_SESSION"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&action=export&log=VERIFICATION"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("権限がありません"), refused.body());
        browser.submit("search");
        assertTrue(browser.text("logs-count").startsWith("全"), "searching is open to every center role");
    }

    /** Runs what starts a download and waits for the finished file (Chrome writes .crdownload until done). */
    private Path download(Runnable start, String suffix) throws Exception {
        List<Path> before;
        try (Stream<Path> files = Files.list(downloads)) {
            before = files.toList();
        }
        start.run();
        Path[] found = new Path[1];
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                found[0] = files.filter(f -> !before.contains(f) && f.toString().endsWith(suffix)).findFirst()
                        .orElse(null);
                return found[0] != null;
            } catch (IOException e) {
                return false;
            }
        });
        return found[0];
    }

    private void login(String userId) {
        browser.open(stack.url("/login"));
        browser.type("userId", userId);
        browser.type("password", stack.demo.secret("user." + userId));
        browser.submit("login");
    }

    private List<List<String>> rows(String table) {
        return browser.driver.findElements(By.cssSelector(table + " tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    private static EligibilityQuery query(String insurer, String symbol, String number, LocalDate day) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setTargetDate(day);
        return query;
    }
}
