package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * 認証結果の閲覧 and the forced password change in a real browser against a running center, insurer adapter and
 * portal: the business manager pages and filters the clinic's records (card searches posted, never in the URL),
 * the staff role neither sees the tab nor opens the URL, and a person added with a one-time password must change
 * it before anything else. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalHistoryBrowserTest {
    private static final LocalDate PRE_STORED_DAY = LocalDate.of(2025, 6, 1);
    private static final int VALID_COUNT = 20;

    private PortalStack stack;
    private Browser browser;
    /** The clinic's verification numbers, newest first. */
    private final List<String> numbers = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        browser = Browser.start();
        stack = PortalStack.start(dir);
        // The clinic's history, made through the same WSDL client the portal uses: 20 valid, 1 expired (pre-stored
        // insurer), then the source screen's card at the real-time insurer.
        CenterSession manager = new CenterConnector(PortalSettings.load(null,
                PortalStack.portalSettings(stack.demo, stack.demo.centerAddress())))
                .open(DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        for (int i = 0; i < VALID_COUNT; i++) {
            numbers.add(0, manager.verify(query("33120015", "大阪", "100", PRE_STORED_DAY)).getVerificationNumber());
        }
        numbers.add(0, manager.verify(query("33120015", "大阪", "200", PRE_STORED_DAY)).getVerificationNumber());
        numbers.add(0, manager.verify(query("00000001", "東京", "001", LocalDate.of(2005, 7, 8)))
                .getVerificationNumber());
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
    void theManagerPagesAndFiltersTheClinicsRecords() throws Exception {
        login(DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        browser.submit("history-tab");

        assertTrue(browser.driver.getCurrentUrl().endsWith("/history"), browser.driver.getCurrentUrl());
        assertEquals("認証結果の閲覧", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("全22件中 1～20件を表示", browser.text("history-count"));
        List<List<String>> rows = rows();
        assertEquals(20, rows.size());
        List<String> first = rows.get(0);
        assertEquals(numbers.get(0), first.get(0), "newest first");
        assertTrue(first.get(1).contains(DemoSeed.CLINIC_MANAGER), first.get(1));
        assertTrue(first.get(2).startsWith("00000001 東京 001"), first.get(2));
        assertTrue(first.get(2).contains("対象 平成17年7月8日"), first.get(2));
        assertEquals("有効な保険資格です", first.get(3));
        assertEquals("平成16年4月1日～平成22年3月31日", first.get(4));
        assertTrue(first.get(5).startsWith("リアルタイム照会"), first.get(5));
        assertTrue(first.get(6).matches("[0-9a-f]{64}"), first.get(6));
        assertFalse(browser.driver.getPageSource().contains("太郎"),
                "no insured person's name: the center keeps none of a real-time insurer's");
        assertNoSideScrolling();
        browser.screenshot("20-history");

        browser.submit("next-page");
        assertEquals("全22件中 21～22件を表示", browser.text("history-count"));
        assertEquals(numbers.subList(20, 22), rows().stream().map(row -> row.get(0)).toList());
        browser.submit("previous-page");
        assertEquals("全22件中 1～20件を表示", browser.text("history-count"));

        new Select(browser.byId("resultCode")).selectByValue("EXPIRED");
        browser.submit("search");
        assertEquals(List.of(numbers.get(1)), rows().stream().map(row -> row.get(0)).toList());
        assertEquals("保険資格の有効期限が切れています（資格喪失を含む）", rows().get(0).get(3));
        assertTrue(rows().get(0).get(5).startsWith("事前登録データ"), rows().get(0).get(5));

        new Select(browser.byId("resultCode")).selectByValue("");
        browser.type("insurerNumber", "00000001");
        browser.type("symbol", "東京");
        browser.type("number", "001");
        browser.submit("search");
        assertEquals(List.of(numbers.get(0)), rows().stream().map(row -> row.get(0)).toList());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/history"), "card data never in the URL: "
                + browser.driver.getCurrentUrl());
        browser.screenshot("21-history-by-card");

        String today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        browser.type("insurerNumber", "");
        browser.type("symbol", "");
        browser.type("number", "");
        browser.set("requestedFrom", LocalDate.parse(today).minusDays(1).toString());
        browser.set("requestedTo", LocalDate.parse(today).minusDays(1).toString());
        browser.submit("search");
        assertEquals("該当する認証の記録はありません", browser.text("history-count"));
        browser.set("requestedFrom", today);
        browser.set("requestedTo", today);
        browser.submit("search");
        assertEquals("全22件中 1～20件を表示", browser.text("history-count"));

        browser.set("requestedFrom", today);
        browser.set("requestedTo", LocalDate.parse(today).minusDays(1).toString());
        browser.submit("search");
        assertEquals("期間の終了日は開始日以降の日付にしてください", browser.text("requestedTo-error"));
    }

    @Test
    void theStaffRoleHasNoTabAndIsRefusedTheUrl() throws Exception {
        login(DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(By.id("history-tab")).isEmpty(), "no 認証結果の閲覧 tab for staff");
        String csrf = csrf();

        browser.open(stack.url("/history"));
        assertEquals("権限がありません", browser.driver.findElement(By.tagName("h1")).getText());
        assertEquals("この画面（認証結果の閲覧）を利用する権限がありません。", browser.text("message"));
        assertTrue(browser.driver.findElements(By.id("history-table")).isEmpty());
        browser.screenshot("22-history-refused");

        // The same session posting a search: 403 as well, nothing listed.
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url("/history")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "PORTAL_SESSION=" + browser.cookie("PORTAL_SESSION"))
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, posted.statusCode());
        assertFalse(posted.body().contains(numbers.get(0)));
    }

    @Test
    void aOneTimePasswordForcesTheChangeThenTheNewPasswordVerifies() throws Exception {
        String oneTime = stack.addUserWithOneTimePassword("portal-newcomer", "MEDICAL_INSTITUTION:BUSINESS_MANAGER");
        login("portal-newcomer", oneTime);

        assertTrue(browser.driver.getCurrentUrl().endsWith("/password"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(By.linkText("個別認証")).isEmpty());
        assertTrue(browser.driver.findElements(By.id("history-tab")).isEmpty());
        browser.screenshot("23-forced-password-change");
        for (String page : List.of("/verify", "/history", "/")) {
            browser.open(stack.url(page));
            assertTrue(browser.driver.getCurrentUrl().endsWith("/password"), page + " led to "
                    + browser.driver.getCurrentUrl());
        }

        browser.type("oldPassword", oneTime);
        browser.type("newPassword", "Newcomer-Passw0rd-2");
        browser.type("confirmPassword", "Newcomer-Passw0rd-2");
        browser.submit("change");
        assertEquals("パスワードを変更しました。", browser.text("notice"));
        browser.submit(browser.driver.findElement(By.cssSelector("form[action='/logout'] button")));

        login("portal-newcomer", "Newcomer-Passw0rd-2");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
        browser.type("insurerNumber", "33120015");
        browser.type("symbol", "大阪");
        browser.type("number", "100");
        browser.set("targetDate", PRE_STORED_DAY.toString());
        browser.submit("execute");
        assertEquals("有効な保険資格です", browser.text("result-text"));
    }

    private String csrf() {
        return browser.driver.findElement(By.cssSelector("input[name='_csrf']")).getDomProperty("value");
    }

    private void login(String userId, String password) {
        browser.open(stack.url("/login"));
        browser.type("userId", userId);
        browser.type("password", password);
        browser.submit("login");
    }

    private List<List<String>> rows() {
        return browser.driver.findElements(By.cssSelector("#history-table tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    private void assertNoSideScrolling() {
        assertEquals(Boolean.TRUE, browser.driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;"), "the page is wider than the window");
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
