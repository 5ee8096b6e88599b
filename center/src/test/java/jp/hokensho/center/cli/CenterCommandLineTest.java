package jp.hokensho.center.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The center's command line as the staff meet it: {@code --help} on every command and subcommand, and bad command
 * lines refused with exit 2 and a message naming the problem, before anything runs.
 */
class CenterCommandLineTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = CenterCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Clock.systemUTC());
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    /** Every command of the tree as the words that call it ({@code [org, add]}), the root as {@code []}. */
    private static List<List<String>> everyCommand() {
        List<List<String>> commands = new ArrayList<>();
        collect(CenterCommand.commandLine(System.out, System.err, Clock.systemUTC()), List.of(), commands);
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
            assertTrue(out.startsWith("Usage: " + String.join(" ", "center", called).trim() + " "),
                    called + ":\n" + out);
            assertTrue(out.contains("-h, --help"), called + ":\n" + out);
            assertEquals("", err, called);
        }
        // The tree the staff use, as README and docs/operations.md name it: nothing lost on the way to picocli.
        for (String expected : List.of("serve", "demo", "audit-verify", "init", "org add", "org change", "org end",
                "org list", "key issue", "key list", "key revoke", "user add", "user unlock", "report usage", "report monthly")) {
            assertTrue(commands.contains(List.of(expected.split(" "))), expected + " in " + commands);
        }
    }

    /** The command lines README.md and docs/operations.md show, each with the --config and --operator they ask for. */
    @Test
    void theDocumentedCommandLinesStillParse() {
        for (String line : List.of(
                "serve --config center.properties",
                "demo --dir demo-data",
                "audit-verify --checkpoint-log checkpoints.log",
                "init --admin sysadmin",
                "org add --code M0000001 --name 上野の森クリニック --kind MEDICAL_INSTITUTION --address 東京都台東区",
                "org add --code 06130012 --name 東京保険 --kind INSURER --delivery real-time"
                        + " --endpoint https://insurer.example/ --timeout-ms 3000 --certificate insurer.pem",
                "org add --code 39130012 --name 千葉保険 --kind INSURER --delivery pre-stored",
                "org change --code 06130012 --certificate insurer.pem",
                "org end --code M0000001",
                "org list",
                "key issue --org M0000001 --out keys",
                "key list --org M0000001",
                "key revoke --serial 87788663173500858186215718453441880589",
                "user add --user clinic-staff --org M0000001 --role MEDICAL_INSTITUTION:STAFF",
                "user unlock --user clinic-staff",
                "report usage --from 2026-11-01 --to 2026-11-30 --by month --format csv --out usage-2026-11.csv",
                "report usage --sessions sessions.csv --format png --out usage.png",
                "report monthly --month 2026-11",
                "report monthly --month 2026-11 --format csv --out monthly-2026-11.csv")) {
            List<String> args = new ArrayList<>(List.of(line.split(" ")));
            if (!line.startsWith("serve") && !line.startsWith("demo")) {
                args.addAll(List.of("--config", "center.properties", "--operator", "suzuki"));
            }
            CommandLine commandLine = CenterCommand.commandLine(System.out, System.err, Clock.systemUTC());
            commandLine.parseArgs(args.toArray(new String[0]));
        }
    }

    @Test
    void helpNamesTheOptionsAndWhichAreRequired() {
        assertEquals(0, run("org", "add", "--help"));
        assertTrue(out.contains("--code=CODE") && out.contains("--kind=KIND") && out.contains("--delivery")
                && out.contains("--config=FILE") && out.contains("--operator=NAME"), out);
        assertTrue(out.contains("MEDICAL_INSTITUTION, INSURER"), "the kinds org add takes: " + out);
        String synopsis = out.substring(0, out.indexOf("\n\n") > 0 ? out.indexOf("\n\n") : out.indexOf("Registers"));
        assertTrue(synopsis.contains(" --code=CODE") && synopsis.contains(" --kind=KIND")
                && synopsis.contains(" --name=NAME") && synopsis.contains("[--address=TEXT]"),
                "required options stand without brackets: " + synopsis);
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("center "), out);
    }

    @Test
    void anUnknownOptionIsAUsageErrorNamingIt() {
        assertEquals(2, run("key", "list", "--org", "M0000001", "--colour", "red"));
        assertTrue(err.contains("Unknown options: '--colour', 'red'"), err);
        assertTrue(err.contains("Usage: center key list"), "the usage follows: " + err);
        assertEquals("", out);
    }

    @Test
    void aMissingRequiredOptionIsAUsageErrorNamingIt() {
        assertEquals(2, run("org", "add", "--code", "M0000001", "--name", "上野の森クリニック"));
        assertTrue(err.contains("Missing required option: '--kind=KIND'"), err);
        assertEquals(2, run("user", "add", "--user", "staff", "--role", "MEDICAL_INSTITUTION:STAFF"));
        assertTrue(err.contains("Missing required option: '--org=CODE'"), err);
        assertEquals(2, run("key", "revoke"));
        assertTrue(err.contains("Missing required option: '--serial=N'"), err);
    }

    @Test
    void typedOptionsRefuseValuesOfTheWrongType() {
        assertEquals(2, run("org", "add", "--code", "M1", "--name", "n", "--kind", "CLINIC"));
        assertTrue(err.contains("Invalid value for option '--kind'") && err.contains("CLINIC"), err);
        assertEquals(2, run("org", "add", "--code", "I1", "--name", "n", "--kind", "INSURER", "--delivery", "live"));
        assertTrue(err.contains("Invalid value for option '--delivery': must be real-time or pre-stored, not 'live'"),
                err);
        assertEquals(2, run("org", "change", "--code", "I1", "--timeout-ms", "soon"));
        assertTrue(err.contains("Invalid value for option '--timeout-ms'") && err.contains("soon"), err);
        assertEquals(2, run("key", "revoke", "--serial", "12ab"));
        assertTrue(err.contains("Invalid value for option '--serial'"), err);
        assertEquals(2, run("report", "usage", "--from", "7/1", "--to", "2005-07-31"));
        assertTrue(err.contains("Invalid value for option '--from': '7/1' is not a date like 2005-07-04"), err);
    }

    @Test
    void checksBeyondTypesAreUsageErrorsToo() {
        Path missing = dir.resolve("no-such.pem");
        assertEquals(2, run("org", "change", "--code", "I1", "--certificate", missing.toString(), "--config",
                dir.resolve("never-read.properties").toString()));
        assertTrue(err.contains("cannot read the certificate file " + missing), err);
        assertEquals(2, run("report", "usage", "--from", "2005-07-01", "--to", "2005-07-31", "--format", "svg"));
        assertTrue(err.contains("--format must be csv or png, not svg"), err);
        assertEquals(2, run("report", "usage", "--sessions", "s.csv", "--from", "2005-07-01"));
        assertTrue(err.contains("give either --sessions FILE or --from/--to/--by, not both"), err);
    }

    @Test
    void aCommandGroupOrNothingAtAllNamesWhatToChoose() {
        assertEquals(2, run());
        assertTrue(err.contains("name a command") && err.contains("Commands:") && err.contains("audit-verify"), err);
        assertEquals(2, run("org"));
        assertTrue(err.contains("name one of: add, change, end, list"), err);
        assertEquals(2, run("restart"));
        assertTrue(err.contains("Unmatched argument at index 0: 'restart'"), err);
    }

    @Test
    void aFailureIsOneLineAndExitOneNeverAStackTrace() throws Exception {
        Path config = dir.resolve("absent.properties");
        assertEquals(1, run("org", "list", "--config", config.toString()));
        assertTrue(err.contains("center org list failed: cannot read configuration " + config), err);
        assertFalse(err.contains("\tat "), "no stack trace for the operator: " + err);
        assertFalse(Files.exists(config));
    }
}
