package jp.hokensho.insurer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.insurer.AdapterCommands;
import jp.hokensho.insurer.InsurerAdapterMain;
import jp.hokensho.insurer.security.ServiceAccountPasswords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The adapter's command line as the insurer's staff meet it: {@code --help} on every command and subcommand, and
 * bad command lines refused with exit 2 and a message naming the problem, before anything runs.
 */
class AdapterCommandLineTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(InputStream in, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = InsurerAdapterMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), in, AdapterCommands.Passwords.of("unused"));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    private int run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private static List<List<String>> everyCommand() {
        List<List<String>> commands = new ArrayList<>();
        collect(AdapterCommand.commandLine(System.out, System.err, InputStream.nullInputStream(),
                AdapterCommands.Passwords.of(null)), List.of(), commands);
        return commands;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> longer = new ArrayList<>(path);
            longer.add(name);
            collect(sub, longer, into);
        });
    }

    @Test
    void everyCommandAndSubcommandPrintsItsHelp() {
        List<List<String>> commands = everyCommand();
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            String called = String.join(" ", command);
            assertEquals(0, run(args.toArray(new String[0])), called + ": " + err);
            assertTrue(out.startsWith("Usage: " + ("insurer-adapter " + called).trim() + " "), called + ":\n" + out);
            assertTrue(out.contains("-h, --help"), called + ":\n" + out);
            assertEquals("", err, called);
        }
        // The commands insurer-adapter/README.md documents, every one of them still there.
        for (String expected : List.of("import", "end", "sync", "reconcile", "user add", "user unlock")) {
            assertTrue(commands.contains(List.of(expected.split(" "))), expected + " in " + commands);
        }
        assertEquals(0, run("--help"));
        assertTrue(out.contains("--config=FILE") && out.contains("--hash-password"), out);
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        assertEquals(2, run("sync", "--config", "a.properties", "--user", "bm", "--dry-run"));
        assertTrue(err.contains("Unknown option: '--dry-run'"), err);
        assertTrue(err.contains("Usage: insurer-adapter sync"), "the usage follows: " + err);
        assertEquals("", out);
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorNamingIt() {
        assertEquals(2, run("end", "--config", "a.properties", "--user", "bm", "--symbol", "大阪", "--number", "1"));
        assertTrue(err.contains("Missing required option: '--lost-on=YYYY-MM-DD'"), err);
        assertEquals(2, run("user", "unlock", "--config", "a.properties", "--user", "staff"));
        assertTrue(err.contains("Missing required option: '--operator=ID'"), err);
        assertEquals(2, run("reconcile", "--user", "bm"));
        assertTrue(err.contains("Missing required option: '--config=FILE'"), err);
    }

    @Test
    void typedOptionsRefuseValuesOfTheWrongType() {
        assertEquals(2, run("end", "--config", "a.properties", "--user", "bm", "--symbol", "大阪", "--number", "1",
                "--lost-on", "10/1"));
        assertTrue(err.contains("Invalid value for option '--lost-on': '10/1' is not a date like 2025-10-01"), err);
        assertEquals(2, run("import", "--config", "a.properties", "--user", "bm", "--file", "c.csv",
                "--encoding", "EUC-JP"));
        assertTrue(err.contains("Invalid value for option '--encoding'") && err.contains("use UTF-8 or Shift_JIS"),
                err);
        assertEquals(2, run("user", "add", "--config", "a.properties", "--user", "x", "--role", "ADMIN"));
        assertTrue(err.contains("Invalid value for option '--role': unknown role 'ADMIN'"), err);
    }

    @Test
    void withoutCommandOrServerItNamesWhatToChoose() {
        assertEquals(2, run());
        assertTrue(err.contains("give --config FILE to run the server, or name a command") && err.contains("import"),
                err);
        assertEquals(2, run("--config", "a.properties", "--hash-password"));
        assertTrue(err.contains("give either --config FILE or --hash-password"), err);
        assertEquals(2, run("user"));
        assertTrue(err.contains("name one of: add, unlock"), err);
    }

    @Test
    void aServerThatCannotStartIsOneLineAndExitOne() {
        Path config = dir.resolve("absent.properties");
        assertEquals(1, run("--config", config.toString()));
        assertTrue(err.startsWith("insurer-adapter failed: cannot read the configuration " + config), err);
        assertFalse(err.contains("\tat "), "no stack trace for the operator: " + err);
    }

    @Test
    void hashPasswordPrintsTheHashOfTheLineOnStdin() {
        assertEquals(0, run(new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)),
                "--hash-password"));
        assertTrue(ServiceAccountPasswords.verify("s3cret".toCharArray(), out.trim()), out);
        assertFalse(ServiceAccountPasswords.verify("other".toCharArray(), out.trim()), out);
    }
}
