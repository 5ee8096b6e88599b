package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.portal.qr.QrCodes;
import jp.hokensho.portal.qr.SealPayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * シール作成 and QRコード in a real browser against a running center, insurer adapter and portal: a seal made for
 * the seed card, then read back by image upload, by a keyboard-wedge scanner's text and by the camera (Chromium's
 * fake camera playing a Y4M video of the seal); an altered seal is refused. Screenshots go to target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QrSealBrowserTest {
    private static final String SCREEN_DATE = "2005-07-08";
    private static final SealPayload SEED_CARD = new SealPayload("00000001", "東京", "001", "");
    private static final String ALTERED_REFUSAL =
            "シールの内容が壊れているか書き換えられています（チェックサムが一致しません）。保険証を見て手で入力してください。";

    private Path dir;
    private PortalStack stack;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        browser = Browser.start();
        stack = PortalStack.start(dir.resolve("stack"));
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
    void aSealForTheVerifiedSeedCardCarriesItsValuesInTheCodeAndInTextAndPrintsAsALabel() throws Exception {
        login(browser);
        verifySeedCard(browser);
        assertFalse(browser.driver.getCurrentUrl().contains("東京") || browser.driver.getCurrentUrl().contains("%"));

        browser.submit("make-seal");

        assertTrue(browser.driver.getCurrentUrl().endsWith("/seal"), browser.driver.getCurrentUrl());
        assertEquals(List.of("00000001", "東京", "001", "なし"), List.of(browser.text("seal-insurer"),
                browser.text("seal-symbol"), browser.text("seal-number"), browser.text("seal-branch")));
        assertTrue((Long) browser.driver.executeScript(
                "return document.getElementById('seal-image').naturalWidth;") > 0, "the seal's image loaded");
        assertEquals(SEED_CARD.encode(), new QrCodes(16_000_000).read(sealPng()).orElseThrow(),
                "the seal's QR code carries the card in the HKS1 format");
        browser.screenshot("qr-01-seal");

        browser.printMedia();
        try {
            assertFalse(browser.driver.findElement(By.className("site-header")).isDisplayed());
            assertFalse(browser.byId("back").isDisplayed());
            // 62 mm at CSS's 96 px per inch.
            double labelWidth = ((Number) browser.driver.executeScript(
                    "return document.getElementById('seal-label').getBoundingClientRect().width;")).doubleValue();
            assertEquals(62 / 25.4 * 96, labelWidth, 1.0, "the label is 62 mm wide");
            browser.screenshot("qr-02-seal-print");
        } finally {
            browser.screen();
        }
    }

    @Test
    void aSealIsMadeOnlyForACardJustAnsweredAsValid() throws Exception {
        login(browser);
        verify(browser, "00000001", "東京", "999");
        assertTrue(browser.driver.findElements(By.id("make-seal")).isEmpty(), "no seal button for a card not found");

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url("/seal"))).header("Cookie", "PORTAL_SESSION=" + browser.cookie("PORTAL_SESSION"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(409, forged.statusCode());
        assertTrue(forged.body().contains("有効な保険資格と確認した保険証についてだけ"), forged.body());
    }

    @Test
    void theSealsImageUploadedFillsTheFormAndThePersonRunsTheVerification() throws Exception {
        Path png = makeSeal();
        browser.open(stack.url("/qr"));
        assertTrue(browser.byId("camera-section").isDisplayed(), "the camera way appears when scripts run");
        browser.screenshot("qr-03-input-page");

        browser.byId("image").sendKeys(png.toAbsolutePath().toString());
        browser.submit("image-submit");

        assertFormFilledWithTheSeedCard();
        browser.screenshot("qr-04-filled-from-image");
        browser.set("targetDate", SCREEN_DATE);
        browser.submit("execute");
        assertEquals("有効な保険資格です", browser.text("result-text"));
    }

    @Test
    void aKeyboardWedgeScannersTextFillsTheForm() throws Exception {
        login(browser);
        browser.open(stack.url("/qr"));

        // A wedge scanner types the code's text and Enter into the focused field.
        browser.submitBy(() -> browser.byId("scan").sendKeys(SEED_CARD.encode() + Keys.ENTER));

        assertFormFilledWithTheSeedCard();
        browser.screenshot("qr-05-filled-from-scanner");
    }

    @Test
    void anAlteredSealIsRefusedWithAClearMessageAndFillsNothing() throws Exception {
        login(browser);
        // One digit changed, the checksum left as it was.
        String altered = SEED_CARD.encode().replace("|001|", "|002|");
        browser.open(stack.url("/qr"));

        browser.submitBy(() -> browser.byId("scan").sendKeys(altered + Keys.ENTER));

        assertTrue(browser.driver.getCurrentUrl().endsWith("/qr"), browser.driver.getCurrentUrl());
        assertEquals(ALTERED_REFUSAL, browser.text("qr-error"));
        browser.screenshot("qr-06-altered-refused");

        Path alteredPng = dir.resolve("altered.png");
        Files.write(alteredPng, QrCodes.png(altered, 8));
        browser.byId("image").sendKeys(alteredPng.toAbsolutePath().toString());
        browser.submit("image-submit");
        assertEquals(ALTERED_REFUSAL, browser.text("qr-error"));

        browser.open(stack.url("/verify"));
        assertEquals("", browser.byId("insurerNumber").getDomProperty("value"), "nothing was filled from it");
        assertEquals("", browser.byId("number").getDomProperty("value"));
    }

    @Test
    void anImageOverTheSizeLimitOrNotAnImageIsRefusedByName() throws Exception {
        login(browser);
        browser.open(stack.url("/qr"));
        Path large = dir.resolve("large.jpg");
        byte[] bytes = new byte[3 * 1024 * 1024];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        Files.write(large, bytes);
        browser.byId("image").sendKeys(large.toAbsolutePath().toString());
        browser.submit("image-submit");
        // Refused before the body is read (its CSRF token included), so a plain page rather than the form.
        assertEquals("画像のファイルが大きすぎます（2048KBまで）。", browser.text("message"));
        assertFalse(browser.driver.getPageSource().contains("Exception"));

        browser.open(stack.url("/qr"));
        Path text = dir.resolve("card.png");
        Files.writeString(text, "not a picture");
        browser.byId("image").sendKeys(text.toAbsolutePath().toString());
        browser.submit("image-submit");
        assertEquals("画像はPNGまたはJPEGのファイルを選んでください。", browser.text("qr-error"));
    }

    @Test
    void theCameraReadsTheSealAndFillsTheForm() throws Exception {
        Path png = makeSeal();
        Path video = dir.resolve("seal.y4m");
        Y4mVideo.write(ImageIO.read(png.toFile()), 640, 480, 5, video);

        try (Browser camera = Browser.start("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath())) {
            login(camera);
            camera.open(stack.url("/qr"));
            camera.byId("camera-start").click();
            new WebDriverWait(camera.driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class)
                    .until(driver -> driver.getCurrentUrl().endsWith("/verify")
                            && "complete".equals(camera.driver.executeScript("return document.readyState;")));

            assertEquals("00000001", camera.byId("insurerNumber").getDomProperty("value"));
            assertEquals("東京", camera.byId("symbol").getDomProperty("value"));
            assertEquals("001", camera.byId("number").getDomProperty("value"));
            assertEquals("", camera.byId("branchNumber").getDomProperty("value"));
            camera.screenshot("qr-07-filled-from-camera");
        }
    }

    @Test
    void theCameraRefusesAnAlteredSealWithTheMessageAndStops() throws Exception {
        String altered = SEED_CARD.encode().replace("|001|", "|002|");
        Path video = dir.resolve("altered.y4m");
        Y4mVideo.write(ImageIO.read(new ByteArrayInputStream(QrCodes.png(altered, 8))), 640, 480, 5, video);

        try (Browser camera = Browser.start("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath())) {
            login(camera);
            camera.open(stack.url("/qr"));
            camera.byId("camera-start").click();
            new WebDriverWait(camera.driver, Duration.ofSeconds(60))
                    .until(driver -> camera.text("camera-status").contains("チェックサム"));

            assertEquals(ALTERED_REFUSAL, camera.text("camera-status"));
            assertTrue(camera.driver.getCurrentUrl().endsWith("/qr"), "the form was not filled");
            assertTrue(camera.byId("camera-start").isDisplayed(), "the camera stopped");
            camera.screenshot("qr-08-camera-refused");
        }
    }

    private void assertFormFilledWithTheSeedCard() {
        assertTrue(browser.driver.getCurrentUrl().endsWith("/verify"), browser.driver.getCurrentUrl());
        assertEquals("シールの内容を入力しました。対象年月日などを確認して［実行］を押してください。", browser.text("notice"));
        assertEquals("00000001", browser.byId("insurerNumber").getDomProperty("value"));
        assertEquals("東京", browser.byId("symbol").getDomProperty("value"));
        assertEquals("001", browser.byId("number").getDomProperty("value"));
        assertEquals("", browser.byId("branchNumber").getDomProperty("value"));
        assertTrue(browser.driver.findElements(By.id("result")).isEmpty(), "filled only: nothing verified yet");
    }

    /** Logs in, verifies the seed card, makes its seal and saves the seal's PNG as the browser's session sees it. */
    private Path makeSeal() throws Exception {
        login(browser);
        verifySeedCard(browser);
        browser.submit("make-seal");
        Path png = dir.resolve("seal.png");
        Files.write(png, sealPng());
        return png;
    }

    private byte[] sealPng() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url("/seal/image.png")))
                        .header("Cookie", "PORTAL_SESSION=" + browser.cookie("PORTAL_SESSION")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(ImageIO.read(new ByteArrayInputStream(response.body())).getWidth() > 0);
        return response.body();
    }

    private String csrf() {
        return browser.driver.findElement(By.cssSelector("input[name=_csrf]")).getDomProperty("value");
    }

    private void login(Browser target) {
        target.open(stack.url("/login"));
        target.type("userId", DemoSeed.CLINIC_STAFF);
        target.type("password", stack.staffPassword());
        target.submit("login");
        assertTrue(target.driver.getCurrentUrl().endsWith("/verify"), target.driver.getCurrentUrl());
    }

    private void verifySeedCard(Browser target) {
        verify(target, "00000001", "東京", "001");
        assertEquals("有効な保険資格です", target.text("result-text"));
    }

    private void verify(Browser target, String insurerNumber, String symbol, String number) {
        target.open(stack.url("/verify"));
        target.type("insurerNumber", insurerNumber);
        target.type("symbol", symbol);
        target.type("number", number);
        target.set("targetDate", SCREEN_DATE);
        target.submit("execute");
    }
}
