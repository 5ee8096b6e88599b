package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The center console's key screens in a real browser (headless Chromium), on a portal holding the center staff's
 * key (the demo's console-client.properties) against the running center: the system administrator issues a key
 * (file downloaded once, one-time password shown once), the clinic's SOAP calls with it are answered, the
 * administrator revokes it in the console after a confirmation, and the very next SOAP call with it is refused.
 * Also the unlock screen, and a center role without the right sees neither tab nor screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyConsoleBrowserTest {
    private DemoEnvironment demo;
    private CenterApplication center;
    private PortalServer console;
    private Browser browser;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        browser = Browser.start();
        demo = new DemoEnvironment(new DemoOptions(dir, PortalStack.freePort(), PortalStack.freePort(),
                DatabaseSettings.h2File(dir.resolve("center-db")), PortalStack.TEST_PBKDF2_ITERATIONS, 10_000),
                Clock.systemUTC()).prepare();
        center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), Map.of()), Clock.systemUTC());
        console = PortalServer.start(PortalSettings.load(null, consoleSettings(demo)), Clock.systemUTC());
    }

    /**
     * The portal with the center staff's key, as the center would configure its console. A minimal starter of
     * this test's own until PortalStack offers one.
     */
    static Map<String, String> consoleSettings(DemoEnvironment demo) throws Exception {
        Map<String, String> settings = PortalStack.portalSettings(demo, demo.centerAddress());
        Properties key = load(demo.consoleClientProperties());
        settings.put("portal.keystore.path", key.getProperty("keystore"));
        settings.put("portal.keystore.password", key.getProperty("keystorePassword"));
        settings.put("portal.key.alias", key.getProperty("keyAlias"));
        settings.put("portal.truststore.path", key.getProperty("truststore"));
        settings.put("portal.truststore.password", key.getProperty("truststorePassword"));
        settings.put("portal.server.alias", key.getProperty("serverAlias"));
        return settings;
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
        if (center != null) {
            center.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.open(url("/login"));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void keyRevokedInTheConsoleIsRefusedOnTheNextSoapCall() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.submit("keys-tab");
        assertEquals("鍵の管理", browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.text("keys").contains(DemoSeed.CLINIC), "the demo clinic's key is listed");
        browser.screenshot("keys-01-list");

        browser.submit("issue-link");
        new Select(browser.byId("organisationCode")).selectByValue(DemoSeed.CLINIC);
        browser.submit("issue");
        assertEquals("鍵を発行しました", browser.text("verdict"));
        String serial = browser.text("serial");
        String password = browser.text("one-time-password");
        String download = browser.byId("download").getAttribute("href");
        browser.screenshot("keys-02-issued");

        browser.driver.navigate().refresh();
        assertEquals("表示済みです（もう一度は表示できません）", browser.text("password-gone"), "the password is shown once");
        assertTrue(browser.driver.findElements(By.id("one-time-password")).isEmpty());
        HttpResponse<byte[]> file = get(download);
        assertEquals(200, file.statusCode());
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertEquals(404, get(download).statusCode(), "the file is handed out once");

        Path keyFile = dir.resolve("issued.p12");
        Files.write(keyFile, file.body());
        CenterSession clinic = clinicWithKey(keyFile, password);
        assertEquals(DemoSeed.CLINIC, clinic.profile().getOrganisationCode(), "the issued key is answered");

        browser.open(url("/keys?org=" + DemoSeed.CLINIC));
        assertEquals("有効", browser.driver.findElement(By.cssSelector("#key-" + serial + " td.state span")).getText());
        browser.submit(browser.driver.findElement(By.cssSelector("#key-" + serial + " a.revoke")));
        assertEquals("鍵の失効", browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.text("warning").contains("次の要求から拒否されます"), "the confirmation says what follows");
        assertEquals(serial, browser.text("serial"));
        browser.screenshot("keys-03-confirm-revoke");
        long lastRefusal = lastRefusalId();
        browser.submit("confirm");
        assertEquals("鍵を失効しました。この鍵による要求は次の要求から拒否されます", browser.text("verdict"));
        assertTrue(browser.text("revoked-at").contains(DemoSeed.CENTER_ADMINISTRATOR));
        browser.screenshot("keys-04-revoked");

        assertThrows(CenterRefused.class, clinic::profile, "the very next SOAP call with the key is refused");
        assertEquals(List.of("REVOKED_KEY"), refusalReasonsAfter(lastRefusal));
        browser.open(url("/keys?org=" + DemoSeed.CLINIC));
        assertEquals("失効", browser.driver.findElement(By.cssSelector("#key-" + serial + " td.state span")).getText());
        assertTrue(browser.driver.findElements(By.cssSelector("#key-" + serial + " a.revoke")).isEmpty());
    }

    @Test
    void renewalInTheConsoleHandsOverANewKeyAndKeepsTheOldOneForTheOverlap() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.open(url("/keys?org=" + DemoSeed.CLINIC));
        String demoKey = browser.driver.findElement(By.cssSelector("#keys tbody tr td.serial")).getText();
        browser.submit(browser.driver.findElement(By.cssSelector("#key-" + demoKey + " a.renew")));
        assertEquals("鍵の更新", browser.driver.findElement(By.tagName("h1")).getText());
        browser.submit("confirm");
        assertEquals("鍵を更新しました", browser.text("verdict"));
        assertTrue(browser.text("old-key").startsWith(demoKey), browser.text("old-key"));
        String renewed = browser.text("serial");
        String password = browser.text("one-time-password");
        HttpResponse<byte[]> file = get(browser.byId("download").getAttribute("href"));
        browser.screenshot("keys-06-renewed");

        Path keyFile = dir.resolve("renewed.p12");
        Files.write(keyFile, file.body());
        assertEquals(DemoSeed.CLINIC, clinicWithKey(keyFile, password).profile().getOrganisationCode());
        Properties clinicClient = load(demo.clientProperties());
        assertEquals(DemoSeed.CLINIC, clinicConnector(clinicClient.getProperty("keystore"),
                clinicClient.getProperty("keystorePassword")).open(DemoSeed.CLINIC_MANAGER,
                demo.secret("user." + DemoSeed.CLINIC_MANAGER)).profile().getOrganisationCode(),
                "the old key still works in the overlap");
        browser.open(url("/keys?org=" + DemoSeed.CLINIC));
        assertTrue(browser.driver.findElement(By.cssSelector("#key-" + demoKey + " td.state")).getText()
                .contains("更新済み（移行期間中）"));
        assertTrue(browser.driver.findElements(By.cssSelector("#key-" + demoKey + " a.renew")).isEmpty(),
                "renewed once only");
        assertTrue(browser.driver.findElement(By.cssSelector("#key-" + renewed + " td.state")).getText()
                .contains("更新前: " + demoKey));
        browser.screenshot("keys-07-list-after-renewal");
    }

    @Test
    void lockedPersonIsUnlockedFromTheConsole() throws Exception {
        Properties clinicClient = load(demo.clientProperties());
        for (int i = 0; i < 5; i++) {
            CenterSession guess = clinicConnector(clinicClient.getProperty("keystore"),
                    clinicClient.getProperty("keystorePassword")).open(DemoSeed.CLINIC_STAFF, "wrong-" + i);
            assertThrows(CenterRefused.class, guess::profile);
        }
        CenterSession staff = clinicConnector(clinicClient.getProperty("keystore"),
                clinicClient.getProperty("keystorePassword")).open(DemoSeed.CLINIC_STAFF,
                demo.secret("user." + DemoSeed.CLINIC_STAFF));
        assertThrows(CenterRefused.class, staff::profile, "locked: even the right password is refused");

        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.open(url("/unlock"));
        browser.type("userId", "nobody-such");
        browser.submit("unlock");
        assertEquals("このユーザーIDは登録されていません", browser.driver.findElement(By.cssSelector(".field .error"))
                .getText());
        browser.type("userId", DemoSeed.CLINIC_STAFF);
        browser.submit("unlock");
        assertEquals(DemoSeed.CLINIC_STAFF + " のロックを解除しました", browser.text("verdict"));
        browser.screenshot("keys-05-unlocked");
        assertEquals(DemoSeed.CLINIC_STAFF, staff.profile().getUserId(), "the person gets in again");
    }

    @Test
    void centerRoleWithoutTheRightSeesNoKeyScreens() throws Exception {
        login(DemoSeed.CENTER_MEDIA_MANAGER);
        assertTrue(browser.driver.findElements(By.id("keys-tab")).isEmpty());
        for (String page : List.of("/keys", "/keys/issue", "/unlock")) {
            browser.open(url(page));
            assertEquals("権限がありません", browser.driver.findElement(By.tagName("h1")).getText(), page);
        }
    }

    private void login(String userId) {
        browser.open(url("/login"));
        browser.type("userId", userId);
        browser.type("password", demo.secret("user." + userId));
        browser.submit("login");
    }

    /** The clinic's portal settings with another key file: what a clinic installs when it receives a new key. */
    private CenterSession clinicWithKey(Path keyFile, String password) throws Exception {
        return clinicConnector(keyFile.toString(), password).open(DemoSeed.CLINIC_MANAGER,
                demo.secret("user." + DemoSeed.CLINIC_MANAGER));
    }

    private CenterConnector clinicConnector(String keystore, String password) throws Exception {
        Map<String, String> settings = new HashMap<>(PortalStack.portalSettings(demo, demo.centerAddress()));
        settings.put("portal.keystore.path", keystore);
        settings.put("portal.keystore.password", password);
        return new CenterConnector(PortalSettings.load(null, settings));
    }

    /** A GET in the browser's session (its cookie), for the download the browser would save. */
    private HttpResponse<byte[]> get(String address) throws Exception {
        String cookie = browser.cookie("PORTAL_SESSION");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address))
                .header("Cookie", "PORTAL_SESSION=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long lastRefusalId() throws SQLException {
        List<String> ids = query("SELECT COALESCE(MAX(id), 0) FROM refusal_log");
        return Long.parseLong(ids.get(0));
    }

    private List<String> refusalReasonsAfter(long id) throws SQLException {
        return query("SELECT reason_code FROM refusal_log WHERE id > " + id + " ORDER BY id");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var connection = center.database().dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private String url(String path) {
        return console.url() + path.replaceFirst("^/", "");
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
