package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.portal.verify.JapaneseFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.slf4j.LoggerFactory;

/**
 * The portal in a real browser (headless Chromium) against a running center, real-time insurer adapter and
 * portal: login, the source document's screen case field by field, every other result, an insurer that is
 * down, field checks, CSRF, the idle timeout, logout and the password change. Screenshots of each main screen
 * go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    private static final String SCREEN_DATE = "2005-07-08";
    /** The login page's one refusal, as the user reads it. */
    private static final String REFUSED = "ログインできませんでした。ユーザーIDとパスワードをご確認ください。"
            + "続けてログインできない場合は、管理者にお問い合わせください。";

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private PortalStack stack;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        browser = Browser.start();
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        stack = PortalStack.start(dir);
    }

    @AfterAll
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void freshBrowserSession() {
        // Each test starts logged out; moving the portal's clock on also ends any login delay of an earlier test.
        stack.portalClock.advance(Duration.ofMinutes(5));
        browser.open(stack.url("/login"));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void loginWithTheClinicsKeyOpensTheSingleVerificationWithTodayInJapan() throws Exception {
        browser.open(stack.url("/login"));
        browser.screenshot("01-login");

        login(DemoSeed.CLINIC_STAFF, stack.staffPassword());

        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
        assertEquals("個別認証", browser.driver.findElement(By.tagName("h1")).getText());
        assertTrue(browser.driver.findElement(By.className("who")).getText().contains("上野の森クリニック"));
        assertEquals(LocalDate.now(stack.portalClock.withZone(JapaneseFormat.JAPAN)).toString(),
                browser.byId("targetDate").getDomProperty("value"), "target date defaults to today in Japan");
        assertEquals(null, browser.cookie("JSESSIONID"));
        assertNotNull(browser.cookie("PORTAL_SESSION"));
        browser.screenshot("02-verify-form");
    }

    @Test
    void sessionIdIsRenewedAtLogin() {
        browser.open(stack.url("/login"));
        String before = browser.cookie("PORTAL_SESSION");
        assertNotNull(before, "the login form has a session for its CSRF token");

        login(DemoSeed.CLINIC_STAFF, stack.staffPassword());

        assertNotNull(browser.cookie("PORTAL_SESSION"));
        assertFalse(before.equals(browser.cookie("PORTAL_SESSION")), "the session id changes at login");
    }

    @Test
    void refusedLoginIsOnePlainMessageAndThePasswordIsNotEchoed() throws Exception {
        stack.createUser("portal-refused", "MEDICAL_INSTITUTION:STAFF", "Right-Passw0rd-1");
        browser.open(stack.url("/login"));
        browser.type("userId", "portal-refused");
        browser.type("password", "Wrong-Passw0rd-1");
        browser.submit("login");

        assertEquals(REFUSED, browser.text("login-error"));
        assertEquals("", browser.byId("password").getDomProperty("value"));
        assertFalse(browser.driver.getPageSource().contains("Wrong-Passw0rd-1"));
        browser.screenshot("03-login-refused");

        // An unknown user gets exactly the same message: the portal does not guess which check failed.
        browser.type("userId", "nobody-at-all");
        browser.type("password", "Wrong-Passw0rd-1");
        browser.submit("login");
        assertEquals(REFUSED, browser.text("login-error"));
    }

    @Test
    void repeatedFailedLoginsFromOneBrowserAreSlowedDown() {
        browser.open(stack.url("/login"));
        for (int attempt = 0; attempt < 4; attempt++) {
            browser.type("userId", "nobody-throttled");
            browser.type("password", "Wrong-Passw0rd-" + attempt);
            browser.submit("login");
        }
        String refusal = browser.text("login-error");
        assertTrue(refusal.startsWith("ログインの失敗が続いたため、"), refusal);

        // Even the right password waits its turn; once the delay has passed it logs in.
        browser.type("userId", DemoSeed.CLINIC_STAFF);
        browser.type("password", stack.staffPassword());
        browser.submit("login");
        assertTrue(browser.text("login-error").startsWith("ログインの失敗が続いたため、"));
        stack.portalClock.advance(Duration.ofMinutes(2));
        login(DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
    }

    @Test
    void seedScreenCaseShowsEveryFieldOfTheSourceScreen() throws Exception {
        loginAsStaff();

        verify("00000001", "東京", "001", SCREEN_DATE);

        assertEquals("有効な保険資格です", browser.text("result-text"));
        assertTrue(browser.text("result-number").matches("\\d{20}"), browser.text("result-number"));
        assertEquals("有効な保険資格です", browser.text("result-verdict"));
        assertEquals("平成17年7月8日", browser.text("result-target-date"));
        assertEquals("平成16年4月1日～平成22年3月31日", browser.text("result-validity"));
        assertEquals("〇〇〇健康保険組合", browser.text("insurer-name"));
        assertEquals("東京都〇〇区××1-1-1", browser.text("insurer-address"));
        assertEquals("NTTコムウェア", browser.text("employer-name"));
        assertEquals("東京都港区港南1-9-1", browser.text("employer-address"));
        assertEquals("上野 太郎", browser.text("insured-name"));
        assertEquals("男50才(昭和30年5月5日生)", browser.text("insured-sex-age"));
        assertEquals(List.of(
                List.of("上野 一子", "女", "44才", "昭和35年11月3日", "妻"),
                List.of("上野 次子", "女", "22才", "昭和58年2月14日", "長女"),
                List.of("上野 三郎", "男", "19才", "昭和60年9月20日", "長男"),
                List.of("上野 四郎", "男", "17才", "昭和62年12月1日", "次男"),
                List.of("上野 五郎", "男", "69才", "昭和11年3月10日", "父")), dependents());
        assertTrue(browser.text("freshness").startsWith("リアルタイム（令和"), browser.text("freshness"));
        assertTrue(browser.byId("print").isDisplayed(), "the print button appears when scripts run");
        browser.screenshot("04-verify-valid");
        assertNoSideScrolling();
        browser.driver.manage().window().setSize(new Dimension(768, 1024));
        try {
            assertNoSideScrolling();
            browser.screenshot("04-verify-valid-tablet");
        } finally {
            browser.driver.manage().window().setSize(Browser.SCREEN);
        }

        browser.printMedia();
        try {
            assertFalse(browser.byId("query-form").isDisplayed(), "the print view leaves out the form");
            assertFalse(browser.driver.findElement(By.className("site-header")).isDisplayed());
            assertTrue(browser.byId("result-number").isDisplayed());
            browser.screenshot("05-verify-print-view");
        } finally {
            browser.screen();
        }
    }

    @Test
    void everyOtherResultHasItsOwnText() throws Exception {
        loginAsStaff();

        verify("00000001", "東京", "002", SCREEN_DATE);
        assertEquals("保険資格の有効期限が切れています（資格喪失を含む）", browser.text("result-text"));
        assertEquals("平成12年4月1日～平成16年3月31日", browser.text("result-validity"));
        browser.screenshot("06-verify-expired");

        verify("00000001", "東京", "001", "2004-03-31");
        assertEquals("保険資格の有効期間前です", browser.text("result-text"));

        verify("00000001", "東京", "999", SCREEN_DATE);
        assertEquals("該当する記号・番号（枝番・生年月日）の保険資格はありません", browser.text("result-text"));
        assertTrue(browser.text("result-number").matches("\\d{20}"));

        verify("12345678", "東京", "001", SCREEN_DATE);
        assertEquals("該当する保険者番号はありません", browser.text("result-text"));
        assertTrue(browser.driver.findElements(By.id("insurer-name")).isEmpty());

        verify("33120015", "大阪", "100", "2025-06-01");
        assertEquals("有効な保険資格です", browser.text("result-text"));
        assertTrue(browser.text("freshness").startsWith("事前登録データ（令和"), browser.text("freshness"));
        assertTrue(browser.text("freshness").endsWith("センター受信）"), browser.text("freshness"));
        assertEquals(2, dependents().size());
        browser.screenshot("07-verify-pre-stored");
    }

    // Last: the center's circuit breaker may keep answering INSURER_UNAVAILABLE for a while after the insurer is back.
    @Test
    @Order(Integer.MAX_VALUE)
    void anInsurerThatIsDownSaysTryAgainLaterNeverNotFound() throws Exception {
        loginAsStaff();
        stack.stopInsurer();
        try {
            verify("00000001", "東京", "001", SCREEN_DATE);

            String text = browser.text("result-text");
            assertEquals("保険者のシステムに接続できないため、確認できませんでした。しばらくしてから再度お試しください", text);
            assertFalse(text.contains("ありません"), "never says that the card was not found");
            browser.screenshot("08-verify-insurer-unavailable");
        } finally {
            stack.restartInsurer();
        }
    }

    @Test
    void fieldsAreCheckedInTheBrowserAndAgainOnTheServerWithAMessagePerField() throws Exception {
        loginAsStaff();
        WebElement insurer = browser.byId("insurerNumber");
        assertNotNull(insurer.getDomAttribute("required"));
        assertEquals("保険者番号は6桁または8桁の数字です", insurer.getDomAttribute("title"));
        browser.type("insurerNumber", "12345");
        assertEquals(Boolean.FALSE, browser.driver.executeScript(
                "return document.getElementById('insurerNumber').checkValidity();"), "the browser refuses 5 digits");
        for (String id : List.of("insurerNumber", "symbol", "number", "branchNumber", "targetDate", "birthDate")) {
            assertEquals(1, browser.driver.findElements(By.cssSelector("label[for='" + id + "']")).size(),
                    id + " has a label");
        }

        // The server checks the same again (a browser may not): one message per field, at the top and beside it.
        browser.driver.executeScript("document.getElementById('query-form').noValidate = true;");
        browser.type("insurerNumber", "12345");
        browser.type("symbol", "");
        browser.type("number", "001");
        browser.type("branchNumber", "1");
        browser.set("targetDate", "");
        browser.submit("execute");

        assertEquals("保険者番号は6桁または8桁の数字です", browser.text("insurerNumber-error"));
        assertEquals("記号を入力してください", browser.text("symbol-error"));
        assertEquals("枝番は2桁の数字です（ない場合は空欄）", browser.text("branchNumber-error"));
        assertEquals("対象年月日を入力してください", browser.text("targetDate-error"));
        assertTrue(browser.driver.findElements(By.id("number-error")).isEmpty());
        assertEquals(4, browser.driver.findElements(By.cssSelector("#error-summary li")).size());
        assertEquals("true", browser.byId("insurerNumber").getDomAttribute("aria-invalid"));
        assertEquals("12345", browser.byId("insurerNumber").getDomProperty("value"), "what was typed stays");
        browser.screenshot("09-verify-field-errors");
    }

    @Test
    void aPostWithoutItsSessionsCsrfTokenIsRefused() throws Exception {
        loginAsStaff();
        String session = browser.cookie("PORTAL_SESSION");
        HttpClient http = HttpClient.newHttpClient();
        String card = "insurerNumber=00000001&symbol=%E6%9D%B1%E4%BA%AC&number=001&targetDate=" + SCREEN_DATE;

        HttpResponse<String> withoutToken = post(http, session, card);
        HttpResponse<String> wrongToken = post(http, session, card + "&_csrf=forged-token");

        assertEquals(403, withoutToken.statusCode());
        assertTrue(withoutToken.body().contains("不正なリクエスト"), withoutToken.body());
        assertFalse(withoutToken.body().contains("認証番号"), "nothing was verified");
        assertEquals(403, wrongToken.statusCode());

        // The same from the page itself with its token removed.
        browser.driver.executeScript("document.querySelector('#query-form input[name=_csrf]').remove();");
        browser.type("insurerNumber", "00000001");
        browser.type("symbol", "東京");
        browser.type("number", "001");
        browser.submit("execute");
        assertEquals("不正なリクエスト", browser.driver.findElement(By.tagName("h1")).getText());
        browser.screenshot("10-csrf-refused");
    }

    @Test
    void pagesCarryTheSecurityHeadersAndASessionCookieScriptsCannotRead() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.url("/login"))).GET().build(), HttpResponse.BodyHandlers.ofString());

        String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));
        String cookie = login.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith("PORTAL_SESSION="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(login.body().contains("<script>"), "no inline script");
    }

    @Test
    void anIdleSessionTimesOutAndItsPasswordIsForgotten() throws Exception {
        loginAsStaff();
        stack.portalClock.advance(Duration.ofMinutes(16));

        verify("00000001", "東京", "001", SCREEN_DATE);

        assertTrue(browser.driver.getCurrentUrl().contains("/login"), browser.driver.getCurrentUrl());
        assertEquals("一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
                browser.driver.findElement(By.className("notice")).getText());
        browser.screenshot("11-login-after-timeout");
        browser.open(stack.url("/verify"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/login"), "the old session is gone");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        loginAsStaff();

        browser.submit(browser.driver.findElement(By.cssSelector("form[action='/logout'] button")));

        assertEquals("ログアウトしました。", browser.driver.findElement(By.className("notice")).getText());
        browser.open(stack.url("/verify"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/login"), browser.driver.getCurrentUrl());
    }

    @Test
    void passwordChangeThenLoginWithTheNewPassword() throws Exception {
        stack.createUser("portal-changer", "MEDICAL_INSTITUTION:BUSINESS_MANAGER", "First-Passw0rd-1");
        login("portal-changer", "First-Passw0rd-1");
        browser.submit(browser.driver.findElement(By.linkText("パスワード変更")));
        browser.screenshot("12-password-change");

        browser.type("oldPassword", "Not-the-Passw0rd");
        browser.type("newPassword", "Second-Passw0rd-2");
        browser.type("confirmPassword", "Second-Passw0rd-2");
        browser.submit("change");
        assertEquals("現在のパスワードが正しくありません", browser.text("oldPassword-error"));

        browser.type("oldPassword", "First-Passw0rd-1");
        browser.type("newPassword", "Second-Passw0rd-2");
        browser.type("confirmPassword", "Second-Passw0rd-2");
        browser.submit("change");
        assertEquals("パスワードを変更しました。", browser.text("notice"));
        verify("00000001", "東京", "001", SCREEN_DATE);
        assertEquals("有効な保険資格です", browser.text("result-text"), "the session goes on with the new password");

        browser.submit(browser.driver.findElement(By.cssSelector("form[action='/logout'] button")));
        login("portal-changer", "First-Passw0rd-1");
        assertEquals(REFUSED, browser.text("login-error"));
        login("portal-changer", "Second-Passw0rd-2");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
    }

    @Test
    void aCenterThatIsDownIsAMessageNeverAStackTrace() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(PortalStack.portalSettings(stack.demo,
                "http://127.0.0.1:" + PortalStack.freePort() + "/services/eligibility"));
        try (PortalServer unreachable = PortalServer.start(PortalSettings.load(null, settings), stack.portalClock)) {
            browser.open(unreachable.url() + "login");
            browser.type("userId", DemoSeed.CLINIC_STAFF);
            browser.type("password", stack.staffPassword());
            browser.submit("login");

            assertEquals("認証センターに接続できません。しばらくしてから再度お試しください。", browser.text("login-error"));
            assertFalse(browser.driver.getPageSource().contains("Exception"));
        }
    }

    // After the logins and the password change, before the last test.
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void passwordsAndCardDataNeverReachTheLog() {
        List<String> passwords = List.of(stack.staffPassword(), "First-Passw0rd-1", "Second-Passw0rd-2",
                "Wrong-Passw0rd-1");
        List<String> cardData = List.of("上野", "東京", "大阪");
        List<String> leaks = log.list.stream()
                .filter(event -> passwords.stream().anyMatch(event.getFormattedMessage()::contains)
                        || event.getLoggerName().startsWith("jp.hokensho.portal")
                        && cardData.stream().anyMatch(event.getFormattedMessage()::contains))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
        assertTrue(log.list.stream().anyMatch(event -> event.getLoggerName().startsWith("jp.hokensho.portal")),
                "the portal's log was captured");
        assertEquals(List.of(), leaks, "no password anywhere, no card data in the portal's log");
    }

    private HttpResponse<String> post(HttpClient http, String session, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url("/verify")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "PORTAL_SESSION=" + session)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void loginAsStaff() {
        login(DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
    }

    private void login(String userId, String password) {
        browser.open(stack.url("/login"));
        browser.type("userId", userId);
        browser.type("password", password);
        browser.submit("login");
    }

    private void verify(String insurerNumber, String symbol, String number, String targetDate) {
        if (!browser.driver.getCurrentUrl().endsWith("/verify")) {
            browser.open(stack.url("/verify"));
        }
        browser.type("insurerNumber", insurerNumber);
        browser.type("symbol", symbol);
        browser.type("number", number);
        browser.set("targetDate", targetDate);
        browser.submit("execute");
    }

    /** The page fits the window's width (1024×768 and tablet width): nothing to scroll sideways. */
    private void assertNoSideScrolling() {
        assertEquals(Boolean.TRUE, browser.driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;"),
                "the page is wider than the window " + browser.driver.manage().window().getSize());
    }

    private List<List<String>> dependents() {
        return browser.driver.findElements(By.cssSelector("#dependents tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

}
