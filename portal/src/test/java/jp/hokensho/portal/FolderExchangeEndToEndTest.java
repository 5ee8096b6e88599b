package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jp.hokensho.contract.eligibility.VerifyEligibilityResponse;
import jp.hokensho.contract.types.EligibilityAnswer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The folder exchange of the institution's terminal against the real center: request files dropped into
 * {@code req/} by a "hospital system" (this test), answers read from {@code res/} while they are being written, a
 * terminal killed in the middle of 200 files, and a center that goes away and comes back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FolderExchangeEndToEndTest {
    private static final String HIS_USER = jp.hokensho.center.demo.DemoSeed.CLINIC_HIS;
    private static final String TARGET = "2026-04-01";
    /** The pre-stored insurer's demo cards (大阪) and their results on 2026-04-01. */
    private static final List<String[]> CARDS = List.of(new String[] {"100", "VALID"},
            new String[] {"200", "EXPIRED"}, new String[] {"300", "EXPIRED"}, new String[] {"400", "NOT_YET_VALID"});
    private static final String CSV_HEADER = "保険者番号,記号,番号,枝番,対象年月日,生年月日\r\n";

    private PortalStack stack;
    private Path dir;
    private Path passwordFile;
    private JAXBContext jaxb;

    @BeforeAll
    void start() throws Exception {
        // Under target/, not a temporary folder: the terminal's log and the folders are kept for a failure's reading.
        dir = Files.createDirectories(Path.of("target", "folder-exchange-test", Long.toString(System.currentTimeMillis()))
                .toAbsolutePath());
        stack = PortalStack.start(dir.resolve("stack"));
        // The demo registered the clinic's integration account and wrote its password file (owner only).
        passwordFile = stack.demo.hisPasswordFile();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        jaxb = JAXBContext.newInstance(VerifyEligibilityResponse.class);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoHundredFilesAcrossATerminalCrashEachGetExactlyOneAnswerAndTheBadOnesAReason() throws Exception {
        Path base = dir.resolve("crash");
        Path req = base.resolve("req");
        Path res = base.resolve("res");
        Path err = base.resolve("err");
        Path done = base.resolve("done");
        Path staging = Files.createDirectories(base.resolve("his-staging"));
        Map<String, String> expectedResult = new HashMap<>();
        Map<String, String> operators = new HashMap<>();
        Map<String, Integer> csvRows = new HashMap<>();
        List<String> bad = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < 188; i++) {
            String[] card = CARDS.get(i % CARDS.size());
            String name = String.format("req-%03d.xml", i);
            String operator = i % 19 == 0 ? "受付 山田" + i : null;
            Files.writeString(staging.resolve(name), request(card[0], operator));
            operators.put(name, operator);
            if (i < 4) {
                slow.add(name);
            }
            expectedResult.put(name, card[1]);
        }
        for (int i = 0; i < 4; i++) {
            String name = "batch-" + i + ".csv";
            StringBuilder text = new StringBuilder(CSV_HEADER);
            for (String[] card : CARDS) {
                text.append("33120015,大阪,").append(card[0]).append(",,").append(TARGET).append(",\r\n");
            }
            text.append("33120015,大阪,100,,").append("2026-05-0").append(i + 1).append(",\r\n");
            Files.writeString(staging.resolve(name), text);
            csvRows.put(name, CARDS.size() + 1);
        }
        bad.addAll(writeBad(staging));
        assertEquals(200, expectedResult.size() + csvRows.size() + bad.size());

        long recordsBefore = stack.centerVerificationCount();
        AtomicBoolean watching = new AtomicBoolean(true);
        AtomicInteger partial = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        Thread watcher = new Thread(() -> watch(res, watching, partial, reads), "his-reader");
        Properties settings = terminalSettings(base);
        try (TerminalProcess first = TerminalProcess.start(settings, base.resolve("terminal.properties"),
                base.resolve("terminal.log"))) {
            Files.createDirectories(req);
            watcher.start();
            Thread slowWriter = new Thread(() -> writeSlowly(staging, req, slow), "his-slow-writer");
            slowWriter.start();
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : files.sorted().toList()) {
                    if (!slow.contains(file.getFileName().toString())) {
                        // As a hospital system should: written elsewhere, then renamed into req/.
                        Files.move(file, req.resolve(file.getFileName()));
                    }
                }
            }
            slowWriter.join();
            awaitTrue(Duration.ofSeconds(600), () -> count(res) >= 50, "50 answers before the crash");
            first.kill();
        }
        int answeredBeforeCrash = count(res);
        try (TerminalProcess second = TerminalProcess.start(settings, base.resolve("terminal.properties"),
                base.resolve("terminal.log"))) {
            awaitTrue(Duration.ofSeconds(900), () -> count(req) == 0
                    && count(res) == expectedResult.size() + csvRows.size(), () -> "every request taken and answered: "
                    + count(req) + " in req/, " + count(res) + " in res/, " + count(err) + " in err/; the terminal's log"
                    + " ends:\n" + second.logTail());
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertTrue(answeredBeforeCrash < 200, "the crash came in the middle (" + answeredBeforeCrash + " answered)");
        assertEquals(0, partial.get(), "the hospital system read a half-written answer");
        assertTrue(reads.get() > 0, "the reader saw answers while they were written");
        Set<String> numbers = new HashSet<>();
        for (var expected : expectedResult.entrySet()) {
            EligibilityAnswer answer = readAnswer(res.resolve(expected.getKey()));
            assertEquals(expected.getValue(), answer.getResultCode().name(), expected.getKey());
            assertTrue(answer.getVerificationNumber().matches("\\d{20}"), expected.getKey());
            assertTrue(numbers.add(answer.getVerificationNumber()), "one number answered twice");
            assertTrue(Files.exists(done.resolve(expected.getKey())), expected.getKey() + " moved to done/");
            assertEquals(operators.get(expected.getKey()), stack.recordedOnBehalfOf(answer.getVerificationNumber()),
                    "the operator the hospital system named is recorded with " + expected.getKey());
        }
        for (var csv : csvRows.entrySet()) {
            List<String> lines = Files.readAllLines(res.resolve(csv.getKey()), StandardCharsets.UTF_8);
            assertEquals(csv.getValue() + 1, lines.size(), csv.getKey());
            assertTrue(lines.get(0).startsWith("\uFEFF保険者番号,記号,番号,枝番,対象年月日,生年月日,行,結果コード"),
                    lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String number = line.split(",")[9];
                assertTrue(number.matches("\\d{20}"), line);
                assertTrue(numbers.add(number), "one number answered twice");
            }
        }
        assertEquals(numbers.size(), stack.centerVerificationCount() - recordsBefore,
                "the center recorded each answered card once, the crash notwithstanding");
        for (String name : bad) {
            assertTrue(Files.exists(err.resolve(name)), name + " in err/");
            String reason = Files.readString(err.resolve(name + ".error.txt"), StandardCharsets.UTF_8);
            assertTrue(reason.contains("理由:") && reason.contains("Reason:"), reason);
            assertFalse(Files.exists(res.resolve(name)), name + " has no answer");
        }
        try (Stream<Path> left = Files.list(res)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file left in res/");
        }
    }

    @Test
    void filesWaitForAnUnreachableCenterAreAnsweredWhenItIsBackAndExplainedWhenItNeverIs() throws Exception {
        Path base = dir.resolve("outage");
        int centerPort = PortalStack.freePort();
        Map<String, String> settings = new HashMap<>();
        terminalSettings(base).forEach((key, value) -> settings.put((String) key, (String) value));
        settings.put("portal.http.port", "0");
        settings.put("portal.center.base-url", "http://127.0.0.1:" + centerPort);
        settings.put("portal.exchange.give-up-seconds", "6");
        int realPort = java.net.URI.create(stack.demo.centerAddress()).getPort();
        try (PortalServer terminal = PortalServer.start(PortalSettings.load(null, settings), Clock.systemUTC())) {
            Path req = base.resolve("req");
            Path res = base.resolve("res");
            for (int i = 0; i < 3; i++) {
                Files.writeString(req.resolve("wait-" + i + ".xml"), request("100", null));
            }
            Thread.sleep(3_000);
            assertEquals(3, count(req), "the files wait while the center is down");
            assertEquals(0, count(res), "no answer is made up");
            assertEquals(0, count(base.resolve("err")), "not given up yet");
            try (TcpForwarder center = TcpForwarder.start(centerPort, realPort)) {
                awaitTrue(Duration.ofSeconds(30), () -> count(res) == 3, "answered once the center is back");
                for (int i = 0; i < 3; i++) {
                    assertEquals("VALID", readAnswer(res.resolve("wait-" + i + ".xml")).getResultCode().name());
                }
            }
            Files.writeString(req.resolve("never.xml"), request("100", null));
            awaitTrue(Duration.ofSeconds(30), () -> Files.exists(base.resolve("err/never.xml.error.txt")),
                    "an error file once the center stayed away");
            String reason = Files.readString(base.resolve("err/never.xml.error.txt"), StandardCharsets.UTF_8);
            assertTrue(reason.contains("認証センターに接続できませんでした") && reason.contains("could not be reached"),
                    reason);
            assertTrue(Files.exists(base.resolve("err/never.xml")));
            assertFalse(Files.exists(res.resolve("never.xml")), "no answer is made up");
        }
    }

    @Test
    void theDocumentedExampleIsAnswered() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "integration.md"), StandardCharsets.UTF_8);
        int marker = doc.indexOf("<!-- example: folder request -->");
        int start = doc.indexOf("```xml\n", marker) + "```xml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Path base = dir.resolve("documented");
        Map<String, String> settings = new HashMap<>();
        terminalSettings(base).forEach((key, value) -> settings.put((String) key, (String) value));
        settings.put("portal.http.port", "0");
        try (PortalServer terminal = PortalServer.start(PortalSettings.load(null, settings), Clock.systemUTC())) {
            Files.writeString(base.resolve("req/example.xml"), example);
            awaitTrue(Duration.ofSeconds(120), () -> Files.exists(base.resolve("res/example.xml")),
                    "the example's answer");
        }
        EligibilityAnswer answer = readAnswer(base.resolve("res/example.xml"));
        assertEquals("VALID", answer.getResultCode().name());
        assertEquals("受付 山田", stack.recordedOnBehalfOf(answer.getVerificationNumber()));
        assertTrue(Files.exists(base.resolve("done/example.xml")));
    }

    private Properties terminalSettings(Path base) throws IOException {
        Properties settings = new Properties();
        settings.putAll(PortalStack.portalSettings(stack.demo, stack.demo.centerAddress()));
        settings.setProperty("portal.http.port", Integer.toString(PortalStack.freePort()));
        // The folder exchange alone: the FHIR endpoint's validator would need a larger heap than the terminal's here.
        settings.setProperty("portal.fhir.base-path", "");
        settings.setProperty("portal.exchange.base-dir", base.toString());
        settings.setProperty("portal.exchange.user", HIS_USER);
        settings.setProperty("portal.exchange.password-file", passwordFile.toString());
        settings.setProperty("portal.exchange.poll-millis", "200");
        settings.setProperty("portal.exchange.retry.first-seconds", "1");
        settings.setProperty("portal.exchange.retry.max-seconds", "2");
        settings.setProperty("portal.exchange.batch-poll-millis", "300");
        return settings;
    }

    private static String request(String number, String operator) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<verifyEligibility xmlns=\"http://hokensho.jp/verification/eligibility/v1\""
                + " xmlns:t=\"http://hokensho.jp/verification/types/v1\">\n"
                + "  <query><t:insurerNumber>33120015</t:insurerNumber><t:symbol>大阪</t:symbol>"
                + "<t:number>" + number + "</t:number><t:targetDate>" + TARGET + "</t:targetDate></query>\n"
                + (operator == null ? "" : "  <onBehalfOf>" + operator + "</onBehalfOf>\n")
                + "</verifyEligibility>\n";
    }

    /** Files the terminal must not send, each for another reason; returns their names. */
    private static List<String> writeBad(Path staging) throws IOException {
        Map<String, String> bad = new HashMap<>();
        bad.put("broken.xml", "<verifyEligibility xmlns=\"http://hokensho.jp/verification/eligibility/v1\"><query>");
        bad.put("wrong-root.xml", "<getVerification xmlns=\"http://hokensho.jp/verification/eligibility/v1\">"
                + "<verificationNumber>00000000000000000001</verificationNumber></getVerification>");
        bad.put("bad-insurer.xml", request("100", null).replace("33120015", "3312001X"));
        bad.put("entity.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<verifyEligibility xmlns=\"http://hokensho.jp/verification/eligibility/v1\">&e;</verifyEligibility>");
        bad.put("bad-header.csv", "保険者,記号,番号\r\n33120015,大阪,100\r\n");
        bad.put("bad-row.csv", CSV_HEADER + "33120015,大阪,100,,2026-02-30,\r\n");
        bad.put("notes.txt", "not a request");
        bad.put("empty.csv", "");
        for (var file : bad.entrySet()) {
            Files.writeString(staging.resolve(file.getKey()), file.getValue());
        }
        return List.copyOf(bad.keySet());
    }

    /** Writes each file straight into req/ in two halves a second apart: the read lock must wait for the end. */
    private static void writeSlowly(Path staging, Path req, List<String> names) {
        try {
            for (String name : names) {
                byte[] content = Files.readAllBytes(staging.resolve(name));
                Files.write(req.resolve(name), java.util.Arrays.copyOf(content, content.length / 2));
                Thread.sleep(1_000);
                Files.write(req.resolve(name), content);
                Files.delete(staging.resolve(name));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hospital system: reads every answer as soon as it appears, again and again, and counts broken ones. */
    private void watch(Path res, AtomicBoolean watching, AtomicInteger partial, AtomicInteger reads) {
        while (watching.get()) {
            try (Stream<Path> files = Files.list(res)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    byte[] content;
                    try {
                        content = Files.readAllBytes(file);
                    } catch (IOException gone) {
                        continue;
                    }
                    reads.incrementAndGet();
                    if (!complete(name, content)) {
                        partial.incrementAndGet();
                    }
                }
            } catch (IOException notYet) {
                // res/ not created yet
            }
        }
    }

    private boolean complete(String name, byte[] content) {
        if (name.endsWith(".csv")) {
            String text = new String(content, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") && text.split("\r\n").length == CARDS.size() + 2;
        }
        try {
            Object answer = jaxb.createUnmarshaller().unmarshal(new ByteArrayInputStream(content));
            return answer instanceof VerifyEligibilityResponse response && response.getAnswer() != null;
        } catch (jakarta.xml.bind.JAXBException e) {
            return false;
        }
    }

    private EligibilityAnswer readAnswer(Path file) throws Exception {
        return ((VerifyEligibilityResponse) jaxb.createUnmarshaller().unmarshal(file.toFile())).getAnswer();
    }

    /** Files in the folder that the hospital system would see (not the terminal's hidden temporary ones). */
    private static int count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))
                    .count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition, String what)
            throws InterruptedException {
        awaitTrue(limit, condition, () -> what);
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(100);
        }
    }
}
