package jp.hokensho.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with the binary and driver given by path (otherwise Selenium
 * Manager tries to download them), in a fresh profile, at 1024×768.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension SCREEN = new Dimension(1024, 768);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        return start(new String[0]);
    }

    /** A browser with extra command-line switches (a fake camera, for instance). */
    static Browser start(String... extraArguments) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        Path profile = Files.createTempDirectory("portal-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=ja-JP", "--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                // Japanese locale for the browser's own widgets (the date fields' order), as at a clinic.
                .withEnvironment(Map.of("LANG", "ja_JP.UTF-8", "LANGUAGE", "ja")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(SCREEN);
        return new Browser(driver, profile);
    }

    WebDriver open(String url) {
        driver.get(url);
        return driver;
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText();
    }

    void type(String id, String value) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks a button that submits a form or follows a link, and waits until the next page has fully loaded. */
    void submit(WebElement button) {
        submitBy(button::click);
    }

    /** Does something that loads the next page (a click, Enter in a field, a script) and waits until it has loaded. */
    void submitBy(Runnable action) {
        // A mark on the old page's window: it is gone once the browser has replaced the document.
        driver.executeScript("window.portalOldPage = true;");
        action.run();
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(WebDriverException.class)
                .until(next -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.portalOldPage === undefined && document.readyState === 'complete';")));
    }

    void submit(String id) {
        submit(byId(id));
    }

    /** Sets a field's value directly (date inputs take typed keys in the locale's order, which varies). */
    void set(String id, String value) {
        driver.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    /** Saves the window (1024×768 unless a test resized it) and the whole page under target/screenshots. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        Dimension window = driver.manage().window().getSize();
        if (height > window.getHeight()) {
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) height + 100));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + "-full.png"),
                    StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(window);
        }
    }

    /** Renders the page as for printing (print CSS) until {@link #screen()}. */
    void printMedia() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    }

    void screen() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
