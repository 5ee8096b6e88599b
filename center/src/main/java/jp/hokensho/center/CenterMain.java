package jp.hokensho.center;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.admin.CenterInit;
import jp.hokensho.center.admin.OrganisationCli;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.demo.DemoAdapterProcess;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoPortalProcess;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationNotFoundException;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.report.UsageReportCommand;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the center: {@code serve --config FILE} (production), {@code demo} (everything on this
 * machine, embedded database), {@code audit-verify --config FILE [--checkpoint-log FILE]} (re-computes the
 * audit hash chain and checks it against the signed checkpoints), and the operator's {@code init}, {@code org},
 * {@code key} and {@code user} commands ({@link #run}).
 */
public final class CenterMain {
    private static final Logger LOG = LoggerFactory.getLogger(CenterMain.class);

    private CenterMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        Path config = option(args, "--config");
        switch (command) {
            case "serve" -> serve(CenterSettings.load(config, Map.of()));
            case "demo" -> demo(option(args, "--dir"));
            case "audit-verify" -> System.exit(auditVerify(CenterSettings.load(config, Map.of()),
                    option(args, "--checkpoint-log")));
            case "init", "org", "key", "user" -> System.exit(run(args, System.out));
            case "report" -> System.exit(report(args, CenterSettings.load(config, Map.of())));
            default -> {
                System.err.println("usage: center serve --config FILE | demo [--dir DIR]"
                        + " | audit-verify --config FILE [--checkpoint-log FILE]\n"
                        + "  | init [--admin ID]\n"
                        + "  | org add --code CODE --name NAME --kind INSURER|MEDICAL_INSTITUTION [--address TEXT]\n"
                        + "      [--delivery real-time|pre-stored --endpoint URL --certificate FILE --timeout-ms N]\n"
                        + "  | org change --code CODE [--name NAME] [--address TEXT] [insurer options]"
                        + " | org end --code CODE | org list\n"
                        + "  | key issue --org CODE --out DIR | key renew --serial N --out DIR | key list [--org CODE]"
                        + " | key revoke --serial N\n"
                        + "  | user add --user ID --org CODE --role KIND:ROLE | user unlock --user ID\n"
                        + "  | report usage (--from DATE --to DATE [--by day|month] | --sessions FILE)"
                        + " [--format csv|png] [--out FILE]\n"
                        + "   (init/org/key/user/report also take --config FILE and --operator NAME)");
                System.exit(2);
            }
        }
    }

    private static void serve(CenterSettings settings) throws InterruptedException {
        runUntilShutdown(CenterApplication.start(settings, Clock.systemUTC()));
    }

    private static void demo(Path dir) throws InterruptedException {
        Path folder = dir != null ? dir : Path.of(System.getProperty("center.demo.dir", "demo-data"));
        DemoOptions options = new DemoOptions(folder, Integer.getInteger("center.demo.port", 8080),
                Integer.getInteger("center.demo.adapter-port", 8181), null,
                Integer.getInteger("center.demo.pbkdf2-iterations", PasswordHasher.RECOMMENDED_ITERATIONS), 5000,
                Integer.getInteger("center.demo.management-port", 8081));
        DemoEnvironment demo = new DemoEnvironment(options, Clock.systemUTC()).prepare();
        String jar = System.getProperty("center.demo.adapter-jar");
        DemoAdapterProcess adapter = DemoAdapterProcess.start(
                jar != null ? Path.of(jar) : DemoAdapterProcess.defaultJar(), demo.adapterProperties());
        CenterApplication center;
        try {
            center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), Map.of()),
                    Clock.systemUTC());
        } catch (RuntimeException e) {
            adapter.close();
            throw e;
        }
        String portalJar = System.getProperty("center.demo.portal-jar");
        DemoPortalProcess portal;
        try {
            portal = DemoPortalProcess.start(portalJar != null ? Path.of(portalJar) : DemoPortalProcess.defaultJar(),
                    demo, Integer.getInteger("center.demo.portal-port", 8090));
        } catch (RuntimeException e) {
            center.close();
            adapter.close();
            throw e;
        }
        LOG.info("demo ready: {}", center.eligibilityAddress());
        // The CLI's own output: where to point a client.
        System.out.println();
        System.out.println("Verification center demo is running at " + center.eligibilityAddress());
        System.out.println("WSDL: " + center.eligibilityAddress() + "?wsdl");
        System.out.println("Client settings (keys, user, password): " + demo.clientProperties());
        System.out.println("Health and metrics: http://127.0.0.1:" + center.managementPort() + "/health and /metrics");
        System.out.println("Clinic portal (in a browser): " + portal.url() + " - users clinic-manager and clinic-staff,"
                + " passwords in " + demo.dir().resolve("secrets.properties"));
        System.out.println("Press Ctrl-C to stop.");
        runUntilShutdown(portal, center, adapter);
    }

    public static int auditVerify(CenterSettings settings) {
        return auditVerify(settings, null);
    }

    /**
     * @param checkpointLog a log holding the lines of the logger {@code jp.hokensho.center.audit.checkpoint}, kept
     *                      apart from the database, or null to check against the database's checkpoints only
     */
    public static int auditVerify(CenterSettings settings, Path checkpointLog) {
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            AuditChainVerifier verifier = new AuditChainVerifier(database,
                    CenterApplication.checkpointSignature(settings));
            AuditChainReport report = checkpointLog == null ? verifier.verify() : verifier.verify(checkpointLog);
            System.out.println(report);
            return report.ok() ? 0 : 1;
        }
    }

    /** Blocks until the JVM is asked to stop; the shutdown hook closes everything in order. */
    private static void runUntilShutdown(AutoCloseable... running) throws InterruptedException {
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : running) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("stopping {} failed", resource, e);
                }
            }
        }, "center-shutdown"));
        forever.await();
    }

    /**
     * Runs one of the operator's commands ({@code init}, {@code org}, {@code key}, {@code user}) on the
     * configuration named by {@code --config}, writing its output to {@code out}.
     *
     * @return the exit status: 0 done, 1 refused, 2 bad input
     */
    public static int run(String[] args, PrintStream out) {
        CenterSettings settings = CenterSettings.load(option(args, "--config"), Map.of());
        String operator = operator(args);
        try {
            if (args[0].equals("init")) {
                return new CenterInit(settings, operator, out, Clock.systemUTC())
                        .run(text(args, "--admin") != null ? text(args, "--admin") : "admin");
            }
            if (args[0].equals("org")) {
                return organisations(args, settings, operator, out);
            }
            return admin(args, settings, operator, out);
        } catch (IllegalArgumentException | OrganisationNotFoundException e) {
            LOG.warn("{} refused: {}", String.join(" ", args[0], args.length > 1 ? args[1] : ""), e.getMessage());
            out.println("refused: " + e.getMessage());
            return 2;
        }
    }

    private static int organisations(String[] args, CenterSettings settings, String operator, PrintStream out) {
        String action = args.length > 1 ? args[1] : "";
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            OrganisationCli organisations = new OrganisationCli(database, settings, operator, out, Clock.systemUTC());
            switch (action) {
                case "add" -> organisations.add(required(args, "--code"), required(args, "--name"),
                        kind(required(args, "--kind")), text(args, "--address"), insurerDetails(args));
                case "change" -> organisations.change(required(args, "--code"), text(args, "--name"),
                        text(args, "--address"), insurerDetails(args));
                case "end" -> {
                    return organisations.end(required(args, "--code")) ? 0 : 1;
                }
                case "list" -> organisations.list();
                default -> {
                    out.println("unknown command: org " + action);
                    return 2;
                }
            }
            return 0;
        }
    }

    private static OrganisationKind kind(String text) {
        try {
            return OrganisationKind.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kind must be INSURER or MEDICAL_INSTITUTION, not " + text, e);
        }
    }

    private static OrganisationCli.InsurerDetails insurerDetails(String[] args) {
        String delivery = text(args, "--delivery");
        DeliveryMode mode = switch (delivery == null ? "" : delivery) {
            case "" -> null;
            case "real-time" -> DeliveryMode.REAL_TIME;
            case "pre-stored" -> DeliveryMode.PRE_STORED;
            default -> throw new IllegalArgumentException("--delivery must be real-time or pre-stored, not "
                    + delivery);
        };
        String timeout = text(args, "--timeout-ms");
        Duration wait;
        try {
            wait = timeout == null ? null : Duration.ofMillis(Long.parseLong(timeout));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout-ms must be a whole number of milliseconds, not " + timeout, e);
        }
        Path certificate = option(args, "--certificate");
        if (certificate != null && !Files.isReadable(certificate)) {
            throw new IllegalArgumentException("cannot read the certificate file " + certificate);
        }
        return new OrganisationCli.InsurerDetails(mode, text(args, "--endpoint"), certificate, wait);
    }

    static int admin(String[] args, CenterSettings settings, String operator, PrintStream out) {
        String action = args[0] + " " + (args.length > 1 ? args[1] : "");
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            AdminCli admin = new AdminCli(database, settings, operator, out, Clock.systemUTC());
            switch (action) {
                case "key issue" -> admin.issueKey(required(args, "--org"), option(args, "--out") != null
                        ? option(args, "--out") : Path.of("."));
                case "key renew" -> admin.renewKey(new java.math.BigInteger(required(args, "--serial")),
                        option(args, "--out") != null ? option(args, "--out") : Path.of("."));
                case "key list" -> admin.listKeys(text(args, "--org"));
                case "key revoke" -> {
                    return admin.revokeKey(new java.math.BigInteger(required(args, "--serial"))) ? 0 : 1;
                }
                case "user add" -> admin.addUser(required(args, "--user"), required(args, "--org"),
                        required(args, "--role"));
                case "user unlock" -> {
                    return admin.unlockUser(required(args, "--user")) ? 0 : 1;
                }
                default -> {
                    out.println("unknown command: " + action);
                    return 2;
                }
            }
            return 0;
        }
    }

    /** {@code report usage ...}: the appendix 9 usage report; 0 when written, 2 on a bad command line. */
    static int report(String[] args, CenterSettings settings) throws java.io.IOException {
        if (args.length < 2 || !args[1].equals("usage")) {
            System.err.println("unknown command: report " + (args.length > 1 ? args[1] : ""));
            return 2;
        }
        UsageReportCommand.Request request;
        try {
            request = UsageReportCommand.Request.parse(text(args, "--from"), text(args, "--to"), text(args, "--by"),
                    option(args, "--sessions"), text(args, "--format"), option(args, "--out"));
        } catch (IllegalArgumentException e) {
            LOG.warn("report usage refused: {}", e.getMessage());
            System.err.println("report usage: " + e.getMessage());
            return 2;
        }
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            new UsageReportCommand(database, operator(args), Clock.systemUTC()).run(request, System.out);
            return 0;
        } catch (IllegalArgumentException e) {
            LOG.warn("report usage refused: {}", e.getMessage());
            System.err.println("report usage: " + e.getMessage());
            return 2;
        }
    }

    private static String operator(String[] args) {
        return text(args, "--operator") != null ? text(args, "--operator") : System.getProperty("user.name");
    }

    private static String required(String[] args, String name) {
        String value = text(args, name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static Path option(String[] args, String name) {
        String value = text(args, name);
        return value == null ? null : Path.of(value);
    }

    private static String text(String[] args, String name) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
