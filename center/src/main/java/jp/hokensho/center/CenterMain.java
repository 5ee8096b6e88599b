package jp.hokensho.center;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.demo.DemoAdapterProcess;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoPortalProcess;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.report.UsageReportCommand;
import jp.hokensho.center.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the center: {@code serve --config FILE} (production), {@code demo} (everything on this
 * machine, embedded database), {@code audit-verify --config FILE [--checkpoint-log FILE]} (re-computes the
 * audit hash chain and checks it against the signed checkpoints).
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
            case "key", "user" -> System.exit(admin(args, CenterSettings.load(config, Map.of())));
            case "report" -> System.exit(report(args, CenterSettings.load(config, Map.of())));
            default -> {
                System.err.println("usage: center serve --config FILE | demo [--dir DIR]"
                        + " | audit-verify --config FILE [--checkpoint-log FILE]\n"
                        + "  | key issue --org CODE --out DIR | key list --org CODE | key revoke --serial N\n"
                        + "  | user add --user ID --org CODE --role KIND:ROLE | user unlock --user ID\n"
                        + "  | report usage (--from DATE --to DATE [--by day|month] | --sessions FILE)"
                        + " [--format csv|png] [--out FILE]\n"
                        + "   (key/user/report also take --config FILE and --operator NAME)");
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

    static int admin(String[] args, CenterSettings settings) {
        String action = args[0] + " " + (args.length > 1 ? args[1] : "");
        String operator = operator(args);
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            AdminCli admin = new AdminCli(database, settings, operator, System.out, Clock.systemUTC());
            switch (action) {
                case "key issue" -> admin.issueKey(required(args, "--org"), option(args, "--out") != null
                        ? option(args, "--out") : Path.of("."));
                case "key list" -> admin.listKeys(required(args, "--org"));
                case "key revoke" -> {
                    return admin.revokeKey(new java.math.BigInteger(required(args, "--serial"))) ? 0 : 1;
                }
                case "user add" -> admin.addUser(required(args, "--user"), required(args, "--org"),
                        required(args, "--role"));
                case "user unlock" -> {
                    return admin.unlockUser(required(args, "--user")) ? 0 : 1;
                }
                default -> {
                    System.err.println("unknown command: " + action);
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
