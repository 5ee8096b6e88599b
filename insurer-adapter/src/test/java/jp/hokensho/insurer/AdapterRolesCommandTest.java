package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The insurer roles on the card server's commands (H2): each role × each command allowed or refused per table
 * 6-2 ① with the center's △ decisions; bootstrap of the first user; wrong passwords, the lock, the logs.
 */
class AdapterRolesCommandTest {
    static final String INSURER = "33120015";
    static final Pattern PASSWORD = Pattern.compile("shown only now: (\\S+)");
    /** command → roles allowed; every other role is refused. */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "import", List.of("BUSINESS_MANAGER", "STAFF"),
            "end", List.of("BUSINESS_MANAGER"),
            "sync", List.of("BUSINESS_MANAGER", "STAFF"),
            "reconcile", List.of("OPERATIONS_MANAGER", "MEDIA_MANAGER", "BUSINESS_MANAGER", "STAFF"));

    @TempDir
    Path dir;
    Path config;
    Path cards;
    String out;
    String err;
    final Map<String, String> passwords = new java.util.HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Properties p = new Properties();
        p.setProperty(AdapterSettings.INSURER_NUMBERS, INSURER);
        p.setProperty(AdapterSettings.MODE, "PRE_STORED");
        p.setProperty(AdapterSettings.DATA_DIR, dir.resolve("data").toString());
        // Sync and reconcile get past the checks and then fail on these (no keys, nobody listening): allowed
        // but failed is told apart from refused by the logs.
        p.setProperty(AdapterSettings.KEYSTORE_PATH, "missing.p12");
        p.setProperty(AdapterSettings.KEYSTORE_PASSWORD, "unused");
        p.setProperty(AdapterSettings.KEYSTORE_ALIAS, "insurer");
        p.setProperty(AdapterSettings.TRUSTSTORE_PATH, "missing-trust.p12");
        p.setProperty(AdapterSettings.TRUSTSTORE_PASSWORD, "unused");
        p.setProperty(AdapterSettings.REGISTRY_URL, "https://127.0.0.1:1/services/registry");
        p.setProperty(AdapterSettings.REGISTRY_USERNAME, "registry-user");
        p.setProperty(AdapterSettings.REGISTRY_PASSWORD, "unused");
        p.setProperty(AdapterSettings.USERS_PASSWORD_ITERATIONS, "1000");
        p.setProperty(AdapterSettings.USERS_LOCKOUT_FAILURES, "3");
        config = dir.resolve("adapter.properties");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        Path both = dir.resolve("both.csv");
        Files.writeString(both, TestCsv.households(INSURER, 101, 102), StandardCharsets.UTF_8);
        // Imported by everyone allowed; 102 (ended in the test) is not in it, so re-importing never undoes the end.
        cards = dir.resolve("cards.csv");
        Files.writeString(cards, TestCsv.households(INSURER, 101, 101), StandardCharsets.UTF_8);
        assertEquals(0, run(null, "user", "add", "--config", config.toString(), "--user", "bm", "--role",
                "BUSINESS_MANAGER"), err);
        passwords.put("BUSINESS_MANAGER", password());
        for (String role : List.of("OPERATIONS_MANAGER", "MEDIA_MANAGER", "STAFF")) {
            assertEquals(0, run(passwords.get("BUSINESS_MANAGER"), "user", "add", "--config", config.toString(),
                    "--user", user(role), "--role", role, "--operator", "bm"), err);
            passwords.put(role, password());
        }
        assertEquals(0, as("BUSINESS_MANAGER", "import", "--file", both.toString()), err);
    }

    @AfterEach
    void tearDown() {
        passwords.clear();
    }

    static String user(String role) {
        return role.equals("BUSINESS_MANAGER") ? "bm" : role.toLowerCase().replace('_', '-');
    }

    String password() {
        Matcher m = PASSWORD.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    int run(String password, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = InsurerAdapterMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), InputStream.nullInputStream(),
                AdapterCommands.Passwords.of(password));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    int as(String role, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString(), "--user", user(role)));
        args.addAll(List.of(more));
        return run(passwords.get(role), args.toArray(new String[0]));
    }

    List<String> rows(String sql) throws Exception {
        try (AdapterDatabase db = AdapterCommands.open(AdapterSettings.load(config));
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
            return rows;
        }
    }

    List<String> refusals() throws Exception {
        return rows("SELECT reason, user_id, command FROM adapter_unauthorised_log ORDER BY id");
    }

    @Test
    void eachRoleMayRunExactlyTheCommandsOfTheTable() throws Exception {
        for (String role : List.of("OPERATIONS_MANAGER", "MEDIA_MANAGER", "BUSINESS_MANAGER", "STAFF")) {
            for (String command : List.of("import", "end", "sync", "reconcile")) {
                String[] more = switch (command) {
                    case "import" -> new String[] {"--file", cards.toString()};
                    case "end" -> new String[] {"--symbol", "大阪", "--number", "102", "--lost-on", "2025-03-31"};
                    default -> new String[0];
                };
                int before = refusals().size();
                int code = as(role, command, more);
                boolean allowed = ALLOWED.get(command).contains(role);
                String what = role + " " + command + ": " + err;
                if (allowed) {
                    assertEquals(before, refusals().size(), what);
                    assertFalse(err.contains("refused:"), what);
                    if (command.equals("import") || command.equals("end")) {
                        assertEquals(0, code, what);
                    }
                } else {
                    assertEquals(1, code, what);
                    assertTrue(err.contains(command + " refused: user " + user(role) + " (" + role + ") may not run"),
                            what);
                    assertEquals("MISSING_PERMISSION " + user(role) + " " + command,
                            refusals().get(before), what);
                }
            }
        }
        // Every command that got past the checks is in the access log with its outcome (sync and reconcile end
        // in USAGE here: the keystore of the test config does not exist).
        List<String> commands = rows("SELECT user_id, command, outcome FROM adapter_access_log WHERE kind = 'COMMAND'"
                + " ORDER BY id");
        assertTrue(commands.contains("staff import OK"), commands.toString());
        assertTrue(commands.contains("bm end OK"), commands.toString());
        assertTrue(commands.contains("operations-manager reconcile USAGE"), commands.toString());
        assertFalse(commands.contains("staff end OK"), commands.toString());
    }

    @Test
    void staffMayNotEndEligibilityThroughAnImportEither() throws Exception {
        Path ending = dir.resolve("ending.csv");
        Files.writeString(ending, TestCsv.households(INSURER, 101, 101).replace(",2020-04-01,,30,", ",2020-04-01,2025-03-31,30,"),
                StandardCharsets.UTF_8);
        assertEquals(1, as("STAFF", "import", "--file", ending.toString()));
        assertTrue(err.contains("qualification_lost would end"), err);
        try (AdapterDatabase db = AdapterCommands.open(AdapterSettings.load(config))) {
            assertEquals(null, new CardRepository(db.dataSource()).find(INSURER, "大阪", "101").orElseThrow()
                    .getQualificationLost());
        }
        assertEquals(0, as("BUSINESS_MANAGER", "import", "--file", ending.toString()), err);
    }

    @Test
    void usersAreAddedOnlyByABusinessManagerAndOnlyWithKnownRoles() throws Exception {
        assertEquals(1, run(null, "user", "add", "--config", config.toString(), "--user", "x", "--role", "STAFF"));
        assertTrue(err.contains("--operator ID is required"), err);
        assertEquals(1, run(passwords.get("STAFF"), "user", "add", "--config", config.toString(), "--user", "x",
                "--role", "STAFF", "--operator", "staff"));
        assertEquals(2, run(passwords.get("BUSINESS_MANAGER"), "user", "add", "--config", config.toString(),
                "--user", "x", "--role", "ADMIN", "--operator", "bm"));
        assertTrue(err.contains("unknown role 'ADMIN'"), err);
        assertEquals(1, run(passwords.get("BUSINESS_MANAGER"), "user", "add", "--config", config.toString(),
                "--user", "staff", "--role", "STAFF", "--operator", "bm"));
        assertTrue(err.contains("exists already"), err);
        assertEquals(List.of("MISSING_PERMISSION null user add", "MISSING_PERMISSION staff user add"), refusals());
    }

    @Test
    void wrongPasswordsAreRefusedLoggedAndLockTheUser() throws Exception {
        int before = refusals().size();
        assertEquals(1, run("wrong", "end", "--config", config.toString(), "--user", "bm", "--symbol", "大阪",
                "--number", "102", "--lost-on", "2025-03-31"));
        assertTrue(err.contains("end refused: wrong user ID or password"), err);
        assertEquals(1, run("wrong", "reconcile", "--config", config.toString(), "--user", "nobody"));
        assertTrue(err.contains("reconcile refused: wrong user ID or password"), err);
        assertEquals(1, run(null, "reconcile", "--config", config.toString(), "--user", "bm"));
        assertTrue(err.contains("no password"), err);
        assertEquals(List.of("WRONG_PASSWORD bm end", "UNKNOWN_USER nobody reconcile", "NO_PASSWORD bm reconcile"),
                refusals().subList(before, before + 3));
        // Nothing was ended by the refused command.
        try (AdapterDatabase db = AdapterCommands.open(AdapterSettings.load(config))) {
            assertEquals(null, new CardRepository(db.dataSource()).find(INSURER, "大阪", "102").orElseThrow()
                    .getQualificationLost());
        }
        // Lock after 3 wrong passwords in a row (configured): then even the right one is refused.
        run("wrong", "reconcile", "--config", config.toString(), "--user", "staff");
        run("wrong", "reconcile", "--config", config.toString(), "--user", "staff");
        run("wrong", "reconcile", "--config", config.toString(), "--user", "staff");
        assertEquals(1, as("STAFF", "import", "--file", cards.toString()));
        assertTrue(err.contains("locked"), err);
        assertTrue(refusals().get(refusals().size() - 1).startsWith("LOCKED staff"));
        // A business manager unlocks with a new one-time password.
        assertEquals(0, run(passwords.get("BUSINESS_MANAGER"), "user", "unlock", "--config", config.toString(),
                "--user", "staff", "--operator", "bm"), err);
        passwords.put("STAFF", password());
        assertEquals(0, as("STAFF", "import", "--file", cards.toString()), err);
        assertNotNull(passwords.get("STAFF"));
    }

    @Test
    void aLogThatCannotBeWrittenNeverFailsTheCaller() throws Exception {
        AdapterDatabase db = AdapterCommands.open(AdapterSettings.load(config));
        db.close();
        jp.hokensho.insurer.security.AdapterLog log = new jp.hokensho.insurer.security.AdapterLog(db.dataSource());
        log.query("clinic", "1", INSURER, "FOUND", 1);
        log.command("bm", "import", "OK", 1);
        log.refusedCommand(jp.hokensho.insurer.security.RefusalReason.WRONG_PASSWORD, "bm", "end", "x");
        log.refusedRequest(jp.hokensho.insurer.security.RefusalReason.UNTRUSTED_KEY, "127.0.0.1", "x");
    }
}
