package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.demo.DemoSeed;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * 一括認証 in a real browser against a running center (pre-stored insurer 33120015's demo cards): a 100-row
 * Shift_JIS file verified at once and its saved CSV read back, a file with bad rows reported by line with nothing
 * sent, files over the limits refused, and a file over the portal's threshold going through submitBatch with the
 * progress page. Screenshots under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkBrowserTest {
    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final String HEADER = "保険者番号,記号,番号,枝番,対象年月日,生年月日\r\n";
    private static final String TARGET = "2026-04-01";
    private static final int SYNC_MAX = 100;
    private static final int MAX_ROWS = 150;
    private static final int MAX_BYTES = 16 * 1024;
    /** On 2026-04-01: 大阪/100 valid, 200 expired, 300 qualification lost, 400 not yet valid, -999 unknown. */
    private static final List<String[]> CARDS = List.of(new String[] {"100", "VALID"},
            new String[] {"200", "EXPIRED"}, new String[] {"300", "EXPIRED"}, new String[] {"400", "NOT_YET_VALID"},
            new String[] {"-999", "SYMBOL_NUMBER_NOT_FOUND"});

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private PortalStack stack;
    private Browser browser;
    private Path files;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        browser = Browser.start();
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        files = Files.createDirectories(dir.resolve("upload"));
        stack = PortalStack.start(dir.resolve("stack"), Map.of("portal.bulk.sync-max-rows", Integer.toString(SYNC_MAX),
                "portal.bulk.max-rows", Integer.toString(MAX_ROWS), "portal.bulk.max-bytes", Integer.toString(MAX_BYTES),
                "portal.bulk.poll-seconds", "1"));
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
    void loggedIn() {
        browser.open(stack.url("/login"));
        browser.driver.manage().deleteAllCookies();
        browser.open(stack.url("/login"));
        browser.type("userId", DemoSeed.CLINIC_STAFF);
        browser.type("password", stack.staffPassword());
        browser.submit("login");
        browser.submit(browser.driver.findElement(By.linkText("一括認証")));
    }

    @Test
    @Order(1)
    void aHundredRowShiftJisFileIsVerifiedAtOnceAndItsResultsSavedAsCsv() throws Exception {
        Path file = write("cards-100.csv", cards(100), SJIS);
        long before = stack.centerVerificationCount();
        browser.screenshot("bulk-01-upload");

        browser.byId("encoding-SHIFT_JIS").click();
        browser.byId("file").sendKeys(file.toAbsolutePath().toString());
        browser.submit("upload");

        assertTrue(browser.driver.getCurrentUrl().endsWith("/bulk/result"), browser.driver.getCurrentUrl());
        assertEquals("100 件の保険証を認証しました", browser.text("summary"));
        assertEquals(Map.of("VALID", 20, "EXPIRED", 40, "NOT_YET_VALID", 20, "SYMBOL_NUMBER_NOT_FOUND", 20,
                "INSURER_NOT_FOUND", 0, "INSURER_UNAVAILABLE", 0), counts());
        assertEquals("有効な保険資格です", browser.driver.findElement(By.cssSelector("#counts tr[data-code=VALID] td"))
                .getText(), "the texts of the single screen");
        assertEquals(100, stack.centerVerificationCount() - before, "one verification per card");
        browser.screenshot("bulk-02-results");

        List<CSVRecord> sjis = savedRows("SHIFT_JIS", SJIS, false);
        List<CSVRecord> utf8 = savedRows("UTF_8", StandardCharsets.UTF_8, true);
        for (List<CSVRecord> saved : List.of(sjis, utf8)) {
            assertEquals(101, saved.size(), "header and 100 cards");
            assertEquals(List.of("保険者番号", "記号", "番号", "枝番", "対象年月日", "生年月日", "行", "結果コード", "認証結果",
                    "認証番号", "有効開始日", "有効終了日", "有効期間", "保険者名"), saved.get(0).toList());
            for (int i = 0; i < 100; i++) {
                CSVRecord row = saved.get(i + 1);
                String[] card = CARDS.get(i % CARDS.size());
                String number = card[0].startsWith("-") ? "'" + card[0] : card[0];
                assertEquals(List.of("33120015", "大阪", number, "", TARGET, "", Integer.toString(i + 2), card[1]),
                        row.toList().subList(0, 8), "row " + i);
                assertTrue(row.get(9).matches("\\d{20}"), "認証番号 of row " + i + ": " + row.get(9));
            }
            assertEquals(List.of("有効な保険資格です", "2020-04-01", "2030-03-31", "令和2年4月1日～令和12年3月31日",
                    "△△△健康保険組合"), saved.get(1).toList().subList(8, 14).stream()
                    .filter(cell -> !cell.matches("\\d{20}")).toList());
        }
        assertEquals(sjis.get(5).get(9), utf8.get(5).get(9), "the same results in both encodings");
    }

    @Test
    @Order(2)
    void badRowsAreReportedByLineAndNothingIsSent() throws Exception {
        String text = HEADER + "33120015,大阪,100,,2026-04-01,\r\n"
                + "3312001,大阪,100,,2026-04-01,\r\n"                  // line 3
                + "33120015,\"大\r\n阪\",100,1,2026-04-01,\r\n"         // lines 4-5
                + "33120015,大阪,,,2026-02-30,\r\n";                   // line 6
        Path file = write("bad-rows.csv", text, SJIS);
        long before = stack.centerVerificationCount();

        browser.byId("file").sendKeys(file.toAbsolutePath().toString());
        browser.submit("upload");

        assertEquals(List.of("3行目: 保険者番号は6桁または8桁の数字です", "4行目: 枝番は2桁の数字です（ない場合は空欄）",
                "6行目: 番号を入力してください", "6行目: 対象年月日は正しい日付で入力してください（例: 2005-07-08）"),
                browser.driver.findElements(By.cssSelector("#problems li")).stream().map(WebElement::getText).toList());
        assertEquals("ファイルに 4 件の問題があります。何も送信していません", browser.text("problem-heading"));
        assertEquals("Shift_JIS", browser.text("read-as"), "detected");
        assertEquals(before, stack.centerVerificationCount(), "nothing was sent to the center");
        browser.screenshot("bulk-03-bad-rows");
    }

    @Test
    @Order(3)
    void filesOverTheLimitsAreRefusedWithTheLimit() throws Exception {
        long before = stack.centerVerificationCount();
        StringBuilder big = new StringBuilder(HEADER);
        while (big.length() < MAX_BYTES) {
            big.append("33120015,大阪,100,,2026-04-01,\r\n");
        }
        browser.byId("file").sendKeys(write("too-big.csv", big.toString(), StandardCharsets.UTF_8).toString());
        browser.submit("upload");
        assertEquals("ファイルが大きすぎます。16 KB までのファイルにしてください（150 行まで）", browser.text("failure"));
        browser.screenshot("bulk-04-too-large");

        browser.byId("file").sendKeys(write("too-many.csv", cards(MAX_ROWS + 1), SJIS).toString());
        browser.submit("upload");
        assertEquals("行数が上限の 150 行を超えています。ファイルを分けてください", browser.text("failure"));
        assertEquals(before, stack.centerVerificationCount(), "nothing was sent to the center");
    }

    @Test
    @Order(4)
    void aFileOverTheThresholdIsSubmittedAndFollowedOnTheProgressPage() throws Exception {
        int rows = SYNC_MAX + 30;
        browser.byId("file").sendKeys(write("cards-130.csv", cards(rows), StandardCharsets.UTF_8).toString());
        browser.submit("upload");

        if (browser.driver.getCurrentUrl().endsWith("/bulk/progress")) {
            assertTrue(browser.text("reception-number").matches("\\d{20}"), browser.text("reception-number"));
            assertEquals("/bulk/progress", browser.byId("refresh").getDomAttribute("href"), "works without scripts");
            assertEquals(Integer.toString(rows), browser.byId("bulk-progress").getDomAttribute("max"));
            browser.screenshot("bulk-05-progress");
        }
        // The page's script follows getBatchResult and opens the results when the batch is done.
        new WebDriverWait(browser.driver, Duration.ofSeconds(120))
                .until(driver -> driver.getCurrentUrl().endsWith("/bulk/result")
                        && "complete".equals(browser.driver.executeScript("return document.readyState;")));
        assertTrue(browser.text("summary").startsWith(rows + " 件の保険証を認証しました（受付番号 "),
                browser.text("summary"));
        assertEquals(26, counts().get("VALID"));
        assertEquals(52, counts().get("EXPIRED"));
        browser.screenshot("bulk-06-results-submitted");
    }

    @Test
    @Order(5)
    void theProgressPageWorksWithoutScriptsThroughItsLink() throws Exception {
        browser.byId("file").sendKeys(write("cards-101.csv", cards(SYNC_MAX + 1), SJIS).toString());
        // Submit the form without following the page's script: read the answer with the session cookie instead.
        String session = browser.cookie("PORTAL_SESSION");
        String csrf = browser.driver.findElement(By.name("_csrf")).getDomProperty("value");
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> upload = http.send(multipart(session, csrf, cards(SYNC_MAX + 1).getBytes(SJIS)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, upload.statusCode(), upload.body());
        assertTrue(upload.headers().firstValue("Location").orElse("").endsWith("/bulk/progress"));

        String location = "/bulk/progress";
        for (int attempt = 0; attempt < 120 && location.endsWith("/bulk/progress"); attempt++) {
            HttpResponse<String> page = http.send(get(session, "/bulk/progress"), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 302) {
                location = page.headers().firstValue("Location").orElse("");
            } else {
                assertTrue(page.body().contains("<progress") && page.body().contains("href=\"/bulk/progress\""));
                Thread.sleep(500);
            }
        }
        assertTrue(location.endsWith("/bulk/result"), location);
        HttpResponse<String> status = http.send(get(session, "/bulk/progress/status"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"status\":\"DONE\",\"statusText\":\"完了\",\"done\":101,\"total\":101,\"finished\":true}",
                status.body());
    }

    @Test
    @Order(6)
    void anUploadWithoutItsCsrfTokenIsRefused() throws Exception {
        long before = stack.centerVerificationCount();
        String session = browser.cookie("PORTAL_SESSION");
        HttpResponse<String> refused = HttpClient.newHttpClient().send(
                multipart(session, "forged-token", cards(3).getBytes(SJIS)), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("不正なリクエスト"));
        assertEquals(before, stack.centerVerificationCount());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void cardDataNeverReachesThePortalsLog() {
        List<String> leaks = log.list.stream().filter(event -> event.getLoggerName().startsWith("jp.hokensho.portal"))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("大阪") || message.contains("33120015")).toList();
        assertTrue(log.list.stream().anyMatch(event -> event.getLoggerName().startsWith("jp.hokensho.portal.bulk")));
        assertEquals(List.of(), leaks);
    }

    /** {@code count} cards of the pre-stored insurer, cycling through {@link #CARDS}, in file order. */
    private static String cards(int count) {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            text.append("33120015,大阪,").append(CARDS.get(i % CARDS.size())[0]).append(",,").append(TARGET)
                    .append(",\r\n");
        }
        return text.toString();
    }

    private Path write(String name, String text, Charset charset) throws Exception {
        return Files.write(files.resolve(name), text.getBytes(charset)).toAbsolutePath();
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        for (WebElement row : browser.driver.findElements(By.cssSelector("#counts tbody tr"))) {
            counts.put(row.getDomAttribute("data-code"), Integer.valueOf(row.findElement(By.className("number")).getText()));
        }
        return counts;
    }

    /** The saved file as the browser would get it (GET with the session cookie), checked for its BOM. */
    private List<CSVRecord> savedRows(String encoding, Charset charset, boolean bom) throws Exception {
        HttpResponse<byte[]> saved = HttpClient.newHttpClient().send(get(browser.cookie("PORTAL_SESSION"),
                "/bulk/result.csv?encoding=" + encoding), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, saved.statusCode());
        assertTrue(saved.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
        byte[] bytes = saved.body();
        byte[] utf8Bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertEquals(bom, Arrays.equals(Arrays.copyOf(bytes, 3), utf8Bom), encoding + " BOM");
        String text = bom ? new String(bytes, 3, bytes.length - 3, charset) : new String(bytes, charset);
        assertFalse(text.contains("\uFFFD"), "decodes cleanly as " + charset);
        assertTrue(text.contains("\r\n"), "CRLF for Excel");
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    }

    private HttpRequest get(String session, String path) {
        return HttpRequest.newBuilder(URI.create(stack.url(path))).header("Cookie", "PORTAL_SESSION=" + session).GET()
                .build();
    }

    private HttpRequest multipart(String session, String csrf, byte[] file) {
        String boundary = "----bulk-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nAUTO\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cards.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpRequest.newBuilder(URI.create(stack.url("/bulk")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", "PORTAL_SESSION=" + session)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
