package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import jp.hokensho.center.demo.DemoSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.LoggerFactory;

/**
 * Administration on application in a real browser (headless Chromium): the clinic's business manager applies
 * for a new staff member in the clinic's portal, the center's system administrator approves it in the center's
 * console (a second portal with the center staff's key) and reads the one-time password once, and the new person
 * logs in with it and must change it first; a rejection needs a reason, which the applicant reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationsBrowserTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private PortalStack stack;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        browser = Browser.start();
        stack = PortalStack.startWithConsole(dir);
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
    void loggedOut() {
        stack.portalClock.advance(Duration.ofMinutes(5));
        browser.open(stack.url("/login"));
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void clinicAppliesCenterApprovesAndTheNewPersonMustChangeTheOneTimePassword() throws Exception {
        String id = applyForNewStaff("portal-applied", "上野 花子", "ウエノ ハナコ");
        assertTrue(browser.byId("pending-table").getText().contains("portal-applied"));

        // The center's console: the system administrator reviews and approves.
        String oneTime = decideInConsole(id, true, "");
        assertTrue(oneTime.length() >= 20, oneTime);
        browser.open(stack.consoleUrl("/applications/decide?id=" + id));
        assertEquals("承認", browser.text("application-state"));
        assertTrue(browser.driver.findElements(By.id("decide-form")).isEmpty(), "decided once");
        assertFalse(browser.driver.getPageSource().contains(oneTime), "the one-time password is shown only once");
        assertTrue(log.list.stream().noneMatch(event -> event.getFormattedMessage().contains(oneTime)),
                "the one-time password is in no log of the center or the portals");

        // The new person: the one-time password opens only the password change.
        loginAt(stack.url("/login"), "portal-applied", oneTime);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/password"), browser.driver.getCurrentUrl());
        browser.type("oldPassword", oneTime);
        browser.type("newPassword", "Applied-Passw0rd-2");
        browser.type("confirmPassword", "Applied-Passw0rd-2");
        browser.submit("change");
        assertEquals("パスワードを変更しました。", browser.text("notice"));
        browser.submit(browser.driver.findElement(By.cssSelector("form[action='/logout'] button")));
        loginAt(stack.url("/login"), "portal-applied", "Applied-Passw0rd-2");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(By.id("applications-tab")).isEmpty(), "staff do not apply");

        // The applicant sees the decision and the new person among the clinic's users.
        browser.driver.manage().deleteAllCookies();
        loginAt(stack.url("/login"), DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        browser.open(stack.url("/applications"));
        assertEquals("承認", browser.text("state-" + id));
        assertTrue(browser.byId("user-portal-applied").getText().contains("上野 花子"));
    }

    @Test
    void aRejectionNeedsAReasonAndTheApplicantReadsIt() throws Exception {
        loginAt(stack.url("/login"), DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        browser.open(stack.url("/applications/user?kind=USER_ADD"));
        fillPerson("portal-rejected", "上野 次郎", "Ueno Jiro");
        browser.submit("apply");
        assertTrue(browser.text("kana-error").startsWith("入力内容が正しくありません"), browser.text("kana-error"));
        browser.screenshot("40-application-refused-field");
        String id = applyForNewStaff("portal-rejected", "上野 次郎", "うえの じろう");

        browser.driver.manage().deleteAllCookies();
        loginAt(stack.consoleUrl("/login"), DemoSeed.CENTER_ADMINISTRATOR,
                stack.centerPassword(DemoSeed.CENTER_ADMINISTRATOR));
        browser.open(stack.consoleUrl("/applications/decide?id=" + id));
        browser.byId("reject").click();
        browser.submit("decide");
        assertEquals("却下の理由を入力してください", browser.text("reason-error"));
        browser.byId("reject").click();
        browser.type("reason", "本人確認書類が不足しています");
        browser.submit("decide");
        assertTrue(browser.text("verdict").contains("却下"), browser.text("verdict"));
        assertTrue(browser.driver.findElements(By.id("one-time-password")).isEmpty());

        browser.driver.manage().deleteAllCookies();
        loginAt(stack.url("/login"), DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        browser.open(stack.url("/applications"));
        assertEquals("却下", browser.text("state-" + id));
        assertEquals("本人確認書類が不足しています", browser.text("reason-" + id));
    }

    @Test
    void clinicStaffHaveNoApplicationScreens() {
        loginAt(stack.url("/login"), DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertTrue(browser.driver.findElements(By.id("applications-tab")).isEmpty());
        browser.open(stack.url("/applications/user?kind=USER_ADD"));
        assertEquals("権限がありません", browser.driver.findElement(By.tagName("h1")).getText());
    }

    @Test
    void aRemovalAppliedFromTheUsersTableEndsTheAccount() throws Exception {
        stack.createUser("portal-leaver", "MEDICAL_INSTITUTION:STAFF", "Leaver-Passw0rd-1");
        loginAt(stack.url("/login"), DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        browser.open(stack.url("/applications"));
        browser.submit(browser.byId("user-portal-leaver").findElement(By.linkText("削除を申請")));
        assertEquals("portal-leaver", browser.byId("userId").getDomProperty("value"));
        browser.submit("apply");
        String notice = browser.text("notice");
        String id = notice.replaceAll("^.*申請番号 (\\d+).*$", "$1");

        String oneTime = decideInConsole(id, true, "退職");
        assertEquals("", oneTime, "a removal hands out no password");

        browser.driver.manage().deleteAllCookies();
        loginAt(stack.url("/login"), "portal-leaver", "Leaver-Passw0rd-1");
        assertTrue(browser.text("login-error").startsWith("ログインできませんでした"), browser.text("login-error"));
    }

    @Test
    void theOperationsManagerEntersAPaperRegistrationAndApprovesIt() throws Exception {
        loginAt(stack.consoleUrl("/login"), DemoSeed.CENTER_OPERATIONS_MANAGER,
                stack.centerPassword(DemoSeed.CENTER_OPERATIONS_MANAGER));
        browser.open(stack.consoleUrl("/applications"));
        browser.submit("register-organisation");
        browser.type("code", "1319999999");
        new Select(browser.byId("organisationKind")).selectByValue("MEDICAL_INSTITUTION");
        browser.type("name", "谷中診療所");
        browser.type("address", "東京都台東区谷中1-1-1");
        browser.screenshot("45-console-paper-registration");
        browser.submit("apply");
        String notice = browser.text("notice");
        assertTrue(notice.startsWith("申請を受け付けました"), notice);
        String id = notice.replaceAll("^.*申請番号 (\\d+).*$", "$1");

        browser.submit("review-" + id);
        browser.byId("approve").click();
        browser.submit("decide");
        assertTrue(browser.text("verdict").contains("承認"), browser.text("verdict"));
        browser.open(stack.consoleUrl("/applications/organisation?kind=ORGANISATION_REGISTER"));
        browser.type("code", "1319999999");
        browser.type("name", "谷中診療所");
        browser.submit("apply");
        assertEquals("この組織コードは登録済みです", browser.text("code-error"));
    }

    /** As the clinic's business manager: applies for a new staff member and returns the application's number. */
    private String applyForNewStaff(String userId, String name, String kana) throws Exception {
        if (!browser.driver.getCurrentUrl().startsWith(stack.url(""))
                || browser.driver.findElements(By.id("applications-tab")).isEmpty()) {
            browser.driver.manage().deleteAllCookies();
            loginAt(stack.url("/login"), DemoSeed.CLINIC_MANAGER, stack.managerPassword());
        }
        browser.submit(browser.byId("applications-tab"));
        assertEquals("利用者申請", browser.driver.findElement(By.tagName("h1")).getText());
        browser.submit("apply-add");
        fillPerson(userId, name, kana);
        browser.screenshot("41-user-application-form");
        browser.submit("apply");
        String notice = browser.text("notice");
        assertTrue(notice.startsWith("申請を受け付けました"), notice);
        browser.screenshot("42-applications-of-the-clinic");
        return notice.replaceAll("^.*申請番号 (\\d+).*$", "$1");
    }

    private void fillPerson(String userId, String name, String kana) {
        browser.type("userId", userId);
        new Select(browser.byId("role")).selectByValue("MEDICAL_INSTITUTION:STAFF");
        browser.type("name", name);
        browser.type("kana", kana);
        browser.set("birthDate", "1990-01-02");
        browser.type("contact", "03-1234-5678");
    }

    /** As the center's system administrator in the console: decides and returns the one-time password shown. */
    private String decideInConsole(String id, boolean approve, String reason) throws Exception {
        browser.driver.manage().deleteAllCookies();
        loginAt(stack.consoleUrl("/login"), DemoSeed.CENTER_ADMINISTRATOR,
                stack.centerPassword(DemoSeed.CENTER_ADMINISTRATOR));
        browser.open(stack.consoleUrl("/applications"));
        assertEquals("申請の審査", browser.driver.findElement(By.tagName("h1")).getText());
        browser.submit("review-" + id);
        assertEquals("上野の森クリニック（" + DemoSeed.CLINIC + "）", browser.driver.findElement(
                By.xpath("//th[text()='組織']/following-sibling::td")).getText());
        browser.screenshot("43-console-review");
        browser.byId(approve ? "approve" : "reject").click();
        browser.type("reason", reason);
        browser.submit("decide");
        browser.screenshot("44-console-approved-one-time-password");
        assertTrue(browser.text("verdict").contains(approve ? "承認" : "却下"), browser.text("verdict"));
        return browser.driver.findElements(By.id("one-time-password")).isEmpty() ? ""
                : browser.text("one-time-password");
    }

    @Test
    void theConsoleOpensOnEachStaffRolesOwnScreenAndHasNoCardVerification() {
        loginAt(stack.consoleUrl("/login"), DemoSeed.CENTER_ADMINISTRATOR,
                stack.centerPassword(DemoSeed.CENTER_ADMINISTRATOR));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/applications"), browser.driver.getCurrentUrl());
        assertTrue(browser.driver.findElements(org.openqa.selenium.By.cssSelector("nav a[href='/verify']")).isEmpty(),
                "no 個別認証 tab without the card-verification right");
        browser.open(stack.consoleUrl("/verify"));
        assertTrue(browser.driver.getPageSource().contains("権限がありません"), browser.driver.getPageSource());
        browser.open(stack.consoleUrl("/bulk"));
        assertTrue(browser.driver.getPageSource().contains("権限がありません"), "一括認証 is card verification too");

        browser.driver.manage().deleteAllCookies();
        loginAt(stack.consoleUrl("/login"), DemoSeed.CENTER_MEDIA_MANAGER,
                stack.centerPassword(DemoSeed.CENTER_MEDIA_MANAGER));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/logs"), "the media manager reads the logs: "
                + browser.driver.getCurrentUrl());
    }

    private void loginAt(String loginUrl, String userId, String password) {
        browser.open(loginUrl);
        browser.type("userId", userId);
        browser.type("password", password);
        browser.submit("login");
    }
}
