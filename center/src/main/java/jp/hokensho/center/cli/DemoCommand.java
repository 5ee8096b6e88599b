package jp.hokensho.center.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoAdapterProcess;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoPortalProcess;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code center demo [--dir DIR]}: the center, an insurer adapter and the clinic portal on this machine with an
 * embedded database, until stopped. Ports and the jars come from the {@code center.demo.*} system properties.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the center, a real-time insurer adapter and the clinic portal on this machine"
                + " (embedded database, demo keys and users), until stopped with Ctrl-C.",
            "Ports: -Dcenter.demo.port (8080), .adapter-port (8181), .management-port (8081), .portal-port (8090),"
                + " .console-port (8091, the center staff's console)."})
public final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the demo keeps its database, keys and settings (default: -Dcenter.demo.dir, else"
                    + " demo-data); a second run reuses them.")
    private Path dir;

    @Override
    public Integer call() throws InterruptedException {
        Path folder = dir != null ? dir : Path.of(System.getProperty("center.demo.dir", "demo-data"));
        DemoOptions options = new DemoOptions(folder, Integer.getInteger("center.demo.port", 8080),
                Integer.getInteger("center.demo.adapter-port", 8181), null,
                Integer.getInteger("center.demo.pbkdf2-iterations", PasswordHasher.RECOMMENDED_ITERATIONS), 5000,
                Integer.getInteger("center.demo.management-port", 8081));
        CenterCommand root = CenterCommand.of(spec);
        DemoEnvironment demo = new DemoEnvironment(options, root.clock()).prepare();
        String jar = System.getProperty("center.demo.adapter-jar");
        DemoAdapterProcess adapter = DemoAdapterProcess.start(
                jar != null ? Path.of(jar) : DemoAdapterProcess.defaultJar(), demo.adapterProperties());
        CenterApplication center;
        try {
            center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), Map.of()), root.clock());
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
        DemoPortalProcess console;
        try {
            console = DemoPortalProcess.startConsole(portalJar != null ? Path.of(portalJar)
                    : DemoPortalProcess.defaultJar(), demo, Integer.getInteger("center.demo.console-port", 8091));
        } catch (RuntimeException e) {
            portal.close();
            center.close();
            adapter.close();
            throw e;
        }
        LOG.info("demo ready: {}; center console on {}", center.eligibilityAddress(), console.url());
        printWhereTo(root.out(), demo, center, portal, console);
        ServeCommand.runUntilShutdown(console, portal, center, adapter);
        return 0;
    }

    /** The command's own output: where to point a client. */
    private static void printWhereTo(PrintStream out, DemoEnvironment demo, CenterApplication center,
                                     DemoPortalProcess portal, DemoPortalProcess console) {
        out.println();
        out.println("Verification center demo is running at " + center.eligibilityAddress());
        out.println("WSDL: " + center.eligibilityAddress() + "?wsdl");
        out.println("Client settings (keys, user, password): " + demo.clientProperties());
        out.println("Health and metrics: http://127.0.0.1:" + center.managementPort() + "/health and /metrics");
        out.println("Clinic portal (in a browser): " + portal.url() + " - users clinic-manager and clinic-staff,"
                + " passwords in " + demo.dir().resolve("secrets.properties"));
        out.println("Clinic FHIR R4 endpoint: " + portal.fhirUrl() + " - POST CoverageEligibilityRequest with HTTP Basic"
                + " (same users), GET metadata (docs/integration.md)");
        out.println("Center console (in a browser): " + console.url() + " - users center-admin (users, keys, access"
                + " review), center-operations (organisations, service logs, reports), center-media; same passwords"
                + " file");
        if (java.nio.file.Files.isRegularFile(demo.hisPasswordFile())) {
            out.println("Hospital-system folder exchange (the clinic portal, as " + DemoSeed.CLINIC_HIS + "): put"
                    + " requests (.xml verifyEligibility, .csv cards) into " + demo.hisExchangeDir().resolve("req")
                    + ", answers appear in res/, errors in err/ (docs/integration.md)");
        }
        out.println("Press Ctrl-C to stop.");
    }
}
