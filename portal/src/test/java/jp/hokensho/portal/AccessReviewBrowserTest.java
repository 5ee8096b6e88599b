package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.review.AccessReviewStore;
import jp.hokensho.center.review.DormantAccountSweep;
import jp.hokensho.center.review.ReviewSettings;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * アクセスレビュー in a real browser (headless Chromium): the portal run with the center staff's key (the demo's
 * console-client.properties), the system administrator logged in. A person made dormant by data (created and last
 * used long ago) is flagged 休眠; one the dormancy sweep disabled is flagged 無効 and re-enabled by the sign-off of
 * the organisation's review; a center role without user registration sees no tab and gets a 403 page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessReviewBrowserTest {
    private static final String DORMANT = "review-dormant";
    private static final String DISABLED = "review-disabled";

    private ConsoleStack stack;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        browser = Browser.start();
        stack = new ConsoleStack(dir);
        stack.createClinicPerson(DORMANT, 100);
        stack.createClinicPerson(DISABLED, 125);
        DormantAccountSweep sweep = new DormantAccountSweep(new AccessReviewStore(
                stack.center.database().dataSource()), ReviewSettings.of(stack.centerSettings()), Clock.systemUTC());
        sweep.disableDormant(Clock.systemUTC().instant()); // the center's own sweep runs only a minute after start
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
        stack.portalClock.advance(Duration.ofMinutes(5));
        browser.open(stack.url("/login"));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void theAccessReviewFlagsADormantUser() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.submit("access-review-tab");

        assertEquals("アクセスレビュー", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("休眠", status(DORMANT));
        assertTrue(row(DORMANT).getAttribute("class").contains("status-DORMANT"));
        assertTrue(cells(DORMANT).get(3).startsWith("未使用"), cells(DORMANT).get(3));
        assertTrue(cells(DORMANT).get(4).contains("に無効化予定"), cells(DORMANT).get(4));
        assertEquals("上野の森クリニック（" + DemoSeed.CLINIC + "）", cells(DORMANT).get(1));
        assertEquals("担当者", cells(DORMANT).get(2));
        assertEquals("有効", cells(DORMANT).get(5), "the clinic's key");
        assertEquals("利用中", status(DemoSeed.CENTER_ADMINISTRATOR));
        assertTrue(browser.text("review-summary").contains("休眠 1人"), browser.text("review-summary"));
        browser.screenshot("40-access-review");
    }

    @Test
    void signOffReenablesADisabledUserAndIsRecorded() throws Exception {
        login(DemoSeed.CENTER_ADMINISTRATOR);
        browser.open(stack.url("/access-review"));
        assertEquals("無効", status(DISABLED));
        assertTrue(cells(DISABLED).get(4).contains("長期間未使用"), cells(DISABLED).get(4));

        browser.byId("reenable-" + DISABLED).click();
        browser.type("comment-" + DemoSeed.CLINIC, "在籍を確認、review-disabled は継続");
        browser.submit("sign-off-" + DemoSeed.CLINIC);

        assertEquals("上野の森クリニック（" + DemoSeed.CLINIC + "）のレビュー完了を記録しました。", browser.text("notice"));
        assertEquals("利用中", status(DISABLED));
        String lastSignOff = browser.text("last-sign-off-" + DemoSeed.CLINIC);
        assertTrue(lastSignOff.contains(DemoSeed.CENTER_ADMINISTRATOR) && lastSignOff.contains("在籍を確認"),
                lastSignOff);
        browser.screenshot("41-access-review-signed-off");
    }

    @Test
    void aCenterRoleWithoutUserRegistrationHasNoAccessReview() {
        login(DemoSeed.CENTER_OPERATIONS_MANAGER);
        assertTrue(browser.driver.findElements(By.id("access-review-tab")).isEmpty());

        browser.open(stack.url("/access-review"));

        assertEquals("権限がありません", browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.driver.findElements(By.id("review-users")).isEmpty());
    }

    private void login(String userId) {
        browser.open(stack.url("/login"));
        browser.type("userId", userId);
        browser.type("password", stack.demo.secret("user." + userId));
        browser.submit("login");
    }

    private org.openqa.selenium.WebElement row(String userId) {
        return browser.byId("user-" + userId);
    }

    private List<String> cells(String userId) {
        return row(userId).findElements(By.tagName("td")).stream().map(cell -> cell.getText()).toList();
    }

    private String status(String userId) {
        return row(userId).findElement(By.cssSelector("td.status strong")).getText();
    }

    /**
     * The demo's center, insurer adapter and a portal holding the center staff's key (console-client.properties),
     * all in this JVM on an embedded H2 database. A minimal starter until PortalStack has a console variant.
     */
    static final class ConsoleStack implements AutoCloseable {
        final DemoEnvironment demo;
        final MutableClock portalClock = new MutableClock();
        final CenterApplication center;
        private final InsurerAdapter adapter;
        private final PortalServer portal;

        ConsoleStack(Path dir) throws IOException {
            demo = new DemoEnvironment(new DemoOptions(dir, PortalStack.freePort(), PortalStack.freePort(),
                    DatabaseSettings.h2File(dir.resolve("center-db")), PortalStack.TEST_PBKDF2_ITERATIONS, 10_000),
                    Clock.systemUTC()).prepare();
            adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
            center = CenterApplication.start(centerSettings(), Clock.systemUTC());
            portal = PortalServer.start(PortalSettings.load(null, consolePortalSettings()), portalClock);
        }

        CenterSettings centerSettings() {
            return CenterSettings.load(demo.centerProperties(), Map.of());
        }

        /** Like PortalStack's settings, with the key and truststore of console-client.properties. */
        private Map<String, String> consolePortalSettings() throws IOException {
            Map<String, String> settings = new HashMap<>(PortalStack.portalSettings(demo, demo.centerAddress()));
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
            return settings;
        }

        /** A clinic staff member created {@code daysAgo} days ago and never used since (set back in the database). */
        void createClinicPerson(String userId, int daysAgo) throws Exception {
            UserAccountStore users = new UserAccountStore(center.database());
            users.create(userId, DemoSeed.CLINIC, users.find(DemoSeed.CLINIC_STAFF).orElseThrow().role(),
                    new PasswordHasher(PortalStack.TEST_PBKDF2_ITERATIONS).hash("Review-Person-Password-1"));
            try (var connection = center.database().dataSource().getConnection();
                 var update = connection.prepareStatement("UPDATE user_account SET created_at = ? WHERE user_id = ?")) {
                update.setObject(1, LocalDateTime.now(ZoneOffset.UTC).minusDays(daysAgo));
                update.setString(2, userId);
                update.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
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
}
