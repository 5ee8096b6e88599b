package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.security.PasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attacks of issue 3, each in a pair with the good call, sent by the independent Python client
 * ({@code interop/python/verify_card.py}) to the real center: every attack is otherwise a correct message,
 * is refused with a fault that tells nothing, is logged in {@code refusal_log} with its precise reason (and
 * only that), records no verification, and the center keeps answering good calls.
 */
class AttackRefusalEndToEndTest extends CenterStackTestBase {
    private static final Logger LOG = LoggerFactory.getLogger(AttackRefusalEndToEndTest.class);
    private static final String GENERIC = SecurityFaults.GENERIC;
    /** A dotted Java-like class name (com.ctc.wstx.exc.WstxParsingException, org.apache.cxf.…). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");

    private CenterSettings settings;
    private AttackPythonClient python;

    @Override
    void checkPrerequisites() throws Exception {
        AttackPythonClient.requirePythonWithPackages();
    }

    @BeforeAll
    void startPythonClient() throws Exception {
        // The configuration the center runs with: the demo's center.properties over the built-in defaults.
        settings = CenterSettings.load(stack.demo.centerProperties(), Map.of());
        Path calls = Files.createDirectories(dir.resolve("python"));
        python = new AttackPythonClient(stack.demo.clientProperties(), calls);
    }

    // --- WS-Security attacks: the generic security fault ----------------------------------------------

    @Test
    void requestWithoutUsernameTokenIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--no-username-token");
        assertGenericSecurityRefusal(attack, "MISSING_SIGNATURE_OR_TOKEN", before);
    }

    @Test
    void staleTimestampIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        // Created 10 minutes ago, expired 5 minutes ago (the center allows a 5-minute timestamp).
        AttackPythonClient.Result attack = python.verifySeedCase("--timestamp-offset", "-600");
        assertGenericSecurityRefusal(attack, "STALE_TIMESTAMP", before);
    }

    @Test
    void replayedMessageIsRefused() throws Exception {
        AttackPythonClient.Result original = assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result replay = python.run(List.of("--send-raw", original.request().toString()));
        assertGenericSecurityRefusal(replay, "REPLAY", before);
    }

    @Test
    void tamperedBodyIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        // 001 becomes 002 after signing: a real (expired) card, so an unchecked digest would show as EXPIRED.
        AttackPythonClient.Result attack = python.verifySeedCase("--tamper-body");
        assertGenericSecurityRefusal(attack, "BAD_SIGNATURE", before);
    }

    @Test
    void unsignedBodyIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--no-sign-body");
        assertGenericSecurityRefusal(attack, "POLICY_VIOLATION", before);
    }

    @Test
    void unencryptedBodyIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--no-encrypt-body");
        assertGenericSecurityRefusal(attack, "POLICY_VIOLATION", before);
    }

    @Test
    void lockedUserIsRefusedEvenWithTheRightPasswordUntilUnlocked() throws Exception {
        // A user of its own, so no other test meets the lock.
        String user = "attack-lockout";
        String password = "Lockout-Test-Password-1";
        PasswordHasher hasher = new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS);
        UserAccountStore users = new UserAccountStore(stack.center.database());
        String role = users.find(DemoSeed.CLINIC_STAFF).orElseThrow().role(); // may verify cards
        users.create(user, DemoSeed.CLINIC, role, hasher.hash(password));
        assertGoodCall("--username", user, "--password", password);

        int failures = settings.getInt("center.lockout.failures");
        Snapshot before = snapshot();
        for (int i = 0; i < failures; i++) {
            AttackPythonClient.Result wrong = python.verifySeedCase("--username", user, "--password", "wrong-" + i);
            assertEquals(1, wrong.exitCode(), wrong.toString());
            assertEquals(GENERIC, wrong.faultString(), wrong.toString());
        }
        assertEquals(java.util.Collections.nCopies(failures, "WRONG_PASSWORD"), newReasons(before));
        assertEquals(before.verifications(), db.verificationCount(), "nothing recorded for wrong passwords");

        Snapshot locked = snapshot();
        AttackPythonClient.Result refused = python.verifySeedCase("--username", user, "--password", password);
        assertGenericSecurityRefusal(refused, "LOCKED", locked);

        // Unlocked by center staff (a password reset clears failures and lock), the user gets in again.
        String newPassword = "Lockout-Test-Password-2";
        assertTrue(users.changePassword(user, hasher.hash(newPassword)).isPresent());
        assertGoodCall("--username", user, "--password", newPassword);
    }

    // --- XML-level attacks: refused before any security processing ------------------------------------

    @Test
    void externalEntityIsRefusedWithoutReadingTheFile() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--doctype", "xxe");
        assertXmlLevelRefusal(attack, "MALFORMED_XML", before);
    }

    @Test
    void entityExpansionBombIsRefused() throws Exception {
        assertGoodCall();
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--doctype", "billion-laughs");
        assertXmlLevelRefusal(attack, "MALFORMED_XML", before);
        assertFalse(attack.responseBody().contains("lollol"), "the expansion is not echoed");
    }

    // --- Size limits ------------------------------------------------------------------------------------

    @Test
    void requestOverTheSizeLimitIsRefused() throws Exception {
        assertGoodCall();
        int limit = settings.getInt("center.request.max-bytes");
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--raw-size", String.valueOf(limit + 1024));
        assertEquals(limit + 1024, Files.size(attack.request()), "the request really is that big");
        assertOversizeRefusal(attack, before);
    }

    @Test
    void encryptedBodyContentOverTheSizeLimitIsRefused() throws Exception {
        assertGoodCall();
        int limit = settings.getInt("center.request.max-bytes");
        Snapshot before = snapshot();
        // A comment inside the body content, signed and encrypted like the rest.
        AttackPythonClient.Result attack = python.verifySeedCase("--pad-bytes", String.valueOf(limit + 1));
        assertOversizeRefusal(attack, before);
    }

    @Test
    void decryptedTextOverItsLimitIsRefusedThoughTheRawMessageIsSmall() throws Exception {
        assertGoodCall();
        int limit = settings.getInt("center.xml.max-decrypted-chars");
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--pad-bytes", String.valueOf(limit + 1000));
        assertTrue(Files.size(attack.request()) < settings.getInt("center.request.max-bytes"),
                "the raw message stays under the transport limit: only the decrypted content is too big");
        assertGenericSecurityRefusal(attack, "OVERSIZE", before);
        assertTrue(refusalDetails().stream().anyMatch(detail -> detail.startsWith("decrypted body")),
                refusalDetails().toString());
    }

    @Test
    void decryptedContentWithTooManyElementsIsRefused() throws Exception {
        assertGoodCall();
        int limit = settings.getInt("center.xml.max-elements");
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--pad-elements", String.valueOf(limit + 1000));
        assertTrue(Files.size(attack.request()) < settings.getInt("center.request.max-bytes"),
                "the raw message stays under the transport limit: only the decrypted content is too big");
        assertGenericSecurityRefusal(attack, "OVERSIZE", before);
    }

    @Test
    void decryptedContentNestedTooDeepIsRefused() throws Exception {
        assertGoodCall();
        int limit = settings.getInt("center.xml.max-depth");
        Snapshot before = snapshot();
        AttackPythonClient.Result attack = python.verifySeedCase("--pad-depth", String.valueOf(limit + 10));
        assertTrue(Files.size(attack.request()) < settings.getInt("center.request.max-bytes"));
        assertGenericSecurityRefusal(attack, "OVERSIZE", before);
    }

    // --- Replay across two nodes sharing one database ---------------------------------------------------

    @Test
    void messageAcceptedByOneNodeIsRefusedAsReplayByAnotherSharingTheDatabase() throws Exception {
        int port = CenterStack.freePort();
        try (CenterApplication nodeB = CenterApplication.start(CenterSettings.load(stack.demo.centerProperties(),
                Map.of("center.http.port", String.valueOf(port), "center.node-id", "1")), Clock.systemUTC())) {
            String b = nodeB.eligibilityAddress();
            assertNotEquals(settings.get("center.http.port"), String.valueOf(port));
            assertGoodCall("--endpoint", b); // node B answers good calls itself
            long seen = replayCacheRows();
            AttackPythonClient.Result onA = assertGoodCall();
            // Node B can only know the message from the shared database (not from a cache in this JVM).
            assertTrue(replayCacheRows() > seen, "node A wrote what it accepted to the shared replay cache");

            Snapshot before = snapshot();
            AttackPythonClient.Result replayOnB = python.run(List.of("--send-raw", onA.request().toString(),
                    "--endpoint", b));
            assertGenericSecurityRefusal(replayOnB, "REPLAY", before);
            assertGoodCall("--endpoint", b);
        }
    }

    // --- Assertions -------------------------------------------------------------------------------------

    /** The seed case through the same path: answered VALID, and recorded as one verification. */
    private AttackPythonClient.Result assertGoodCall(String... options) throws Exception {
        long before = db.verificationCount();
        AttackPythonClient.Result good = python.verifySeedCase(options);
        assertEquals(0, good.exitCode(), "the good call is answered: " + good);
        assertEquals("VALID", good.json().get("resultCode"), good.toString());
        assertEquals(before + 1, db.verificationCount(), "the good call is recorded");
        return good;
    }

    /** Refused with the one generic security fault, logged with exactly this reason, nothing recorded. */
    private void assertGenericSecurityRefusal(AttackPythonClient.Result attack, String reason, Snapshot before)
            throws Exception {
        assertEquals(1, attack.exitCode(), "a SOAP fault: " + attack);
        assertEquals(500, attack.httpStatus(), attack.toString());
        assertEquals(GENERIC, attack.faultString(), "the refusal tells nothing: " + attack);
        assertNoCardData(attack);
        assertRefusalRecorded(reason, before, attack);
    }

    /**
     * Refused at the XML level, before security processing: any fault, but one that names no class, file
     * path or entity content (the client prints the fault; the raw answer is read in full).
     */
    private void assertXmlLevelRefusal(AttackPythonClient.Result attack, String reason, Snapshot before)
            throws Exception {
        assertNotEquals(0, attack.exitCode(), "not answered: " + attack);
        assertNotEquals(200, attack.httpStatus(), attack.toString());
        assertNoInternalDetail(attack.responseBody(), attack);
        assertNoInternalDetail(attack.stderr(), attack);
        assertNoCardData(attack);
        assertRefusalRecorded(reason, before, attack);
    }

    /** Refused for its size: a 413 at the transport, or a fault that tells nothing, or a closed connection. */
    private void assertOversizeRefusal(AttackPythonClient.Result attack, Snapshot before) throws Exception {
        assertNotEquals(0, attack.exitCode(), "not answered: " + attack);
        assertTrue(Set.of(413, 500, -1).contains(attack.httpStatus()), "413, 500 or cut: " + attack);
        if (attack.exitCode() == 1) {
            assertEquals(GENERIC, attack.faultString(), attack.toString());
        }
        assertNoInternalDetail(attack.responseBody(), attack);
        assertNoCardData(attack);
        assertRefusalRecorded("OVERSIZE", before, attack);
    }

    private void assertRefusalRecorded(String reason, Snapshot before, AttackPythonClient.Result attack)
            throws Exception {
        // The evidence, for whoever reads a failure: what the center answered and what it logged.
        LOG.info("attack {}: exit {}, HTTP {}, fault {} / {}, refusal_log {}, answer {}", attack.arguments(),
                attack.exitCode(), attack.httpStatus(), attack.faultCode(), attack.faultString(),
                db.query("SELECT CONCAT(reason_code, ' | ', COALESCE(operation, '-'), ' | ', COALESCE(detail, '-')) "
                        + "FROM refusal_log WHERE id > " + before.lastRefusalId() + " ORDER BY id"),
                abbreviate(attack.responseBody()));
        assertEquals(before.verifications(), db.verificationCount(), "nothing recorded as a verification: " + attack);
        assertEquals(List.of(reason), newReasons(before), "refusal_log has exactly this refusal: " + attack);
        assertGoodCall(); // the center still answers good calls
    }

    private static void assertNoCardData(AttackPythonClient.Result attack) throws Exception {
        assertFalse(attack.stdout().contains("resultCode"), "no answer on a refusal: " + attack);
        for (String text : List.of(attack.stdout(), attack.stderr(), attack.responseBody())) {
            assertFalse(text.contains("上野"), "no card data on a refusal: " + attack);
        }
    }

    private static void assertNoInternalDetail(String text, AttackPythonClient.Result attack) throws Exception {
        assertFalse(CLASS_NAME.matcher(text).find(), "names a class: " + attack);
        for (String internal : List.of("Exception", "\tat ", "/etc/", "file:", "hostname", ".java", "lollol")) {
            assertFalse(text.contains(internal), "leaks '" + internal + "': " + attack);
        }
        Path hostnameFile = Path.of("/etc/hostname");
        if (Files.isReadable(hostnameFile)) {
            String hostname = Files.readString(hostnameFile, StandardCharsets.UTF_8).strip();
            if (!hostname.isEmpty()) {
                assertFalse(Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(hostname) + "(?![A-Za-z0-9])")
                        .matcher(text).find(), "leaks the content of /etc/hostname (" + hostname + "): " + attack);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…(" + text.length() + " chars)";
    }

    // --- Database evidence ------------------------------------------------------------------------------

    /** The verification count and the last refusal_log id, to see what an attack added. */
    private record Snapshot(long verifications, long lastRefusalId) {
    }

    private Snapshot snapshot() throws Exception {
        return new Snapshot(db.verificationCount(),
                Long.parseLong(db.query("SELECT COALESCE(MAX(id), 0) FROM refusal_log").get(0)));
    }

    private List<String> newReasons(Snapshot before) throws Exception {
        return db.query("SELECT reason_code FROM refusal_log WHERE id > " + before.lastRefusalId() + " ORDER BY id");
    }

    private long replayCacheRows() throws Exception {
        return db.count("SELECT COUNT(*) FROM replay_cache");
    }

    private List<String> refusalDetails() throws Exception {
        return db.query("SELECT detail FROM refusal_log ORDER BY id").stream().map(String::valueOf).toList();
    }
}
