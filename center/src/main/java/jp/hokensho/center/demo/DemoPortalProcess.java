package jp.hokensho.center.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the clinic portal as its own process beside the demo center, with the demo clinic's key ("USB key") from
 * {@code client.properties}: it reaches the center only through the WSDLs, like any clinic terminal.
 */
public final class DemoPortalProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoPortalProcess.class);
    private final Process process;
    private final String url;

    private DemoPortalProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Writes {@code portal.properties} into the demo folder and starts the portal jar with it. */
    public static DemoPortalProcess start(Path portalJar, DemoEnvironment demo, int port) {
        return start(portalJar, demo, port, demo.clientProperties(), "portal.properties",
                "The demo clinic portal: the demo clinic's key and the center on loopback");
    }

    /**
     * The center's console: the same portal with the center staff's key ({@code console-client.properties}), so it
     * shows the center's screens (申請の審査 …) to the center's people; {@code console-portal.properties}.
     */
    public static DemoPortalProcess startConsole(Path portalJar, DemoEnvironment demo, int port) {
        return start(portalJar, demo, port, demo.consoleClientProperties(), "console-portal.properties",
                "The demo center console: the center staff's key and the center on loopback");
    }

    private static DemoPortalProcess start(Path portalJar, DemoEnvironment demo, int port, Path clientProperties,
                                           String fileName, String comment) {
        if (!Files.isRegularFile(portalJar)) {
            throw new IllegalStateException("portal jar not found at " + portalJar
                    + " (build with 'mvn -DskipTests install', or set center.demo.portal-jar)");
        }
        Path properties = writeProperties(demo, port, clientProperties, fileName, comment);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The clinic portal's FHIR validator holds the R4 definitions in memory (256 MB runs out at its first request).
        String heap = clinicPortal(demo, clientProperties) ? "-Xmx768m" : "-Xmx256m";
        try {
            Process process = new ProcessBuilder(java.toString(), heap, "-jar", portalJar.toString(),
                    "--config", properties.toString()).inheritIO().start();
            LOG.info("started the demo portal of {} (pid {}) on port {}", clientProperties.getFileName(), process.pid(),
                    port);
            return new DemoPortalProcess(process, "http://127.0.0.1:" + port + "/");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the portal " + portalJar, e);
        }
    }

    static Path writeProperties(DemoEnvironment demo, int port) {
        return writeProperties(demo, port, demo.clientProperties(), "portal.properties",
                "The demo clinic portal: the demo clinic's key and the center on loopback");
    }

    /** The clinic's terminal also runs the folder exchange for its hospital system (docs/integration.md). */
    private static void addFolderExchange(DemoEnvironment demo, Properties portal) {
        if (Files.isRegularFile(demo.hisPasswordFile())) {
            portal.setProperty("portal.exchange.base-dir", demo.hisExchangeDir().toString());
            portal.setProperty("portal.exchange.user", DemoSeed.CLINIC_HIS);
            portal.setProperty("portal.exchange.password-file", demo.hisPasswordFile().toString());
        }
    }

    static Path writeProperties(DemoEnvironment demo, int port, Path clientProperties, String fileName,
                                String comment) {
        Properties client = new Properties();
        try (Reader reader = Files.newBufferedReader(clientProperties, StandardCharsets.UTF_8)) {
            client.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + clientProperties, e);
        }
        String endpoint = client.getProperty("endpoint");
        Properties portal = new Properties();
        portal.setProperty("portal.http.host", "127.0.0.1");
        portal.setProperty("portal.http.port", Integer.toString(port));
        portal.setProperty("portal.center.base-url", endpoint.substring(0, endpoint.indexOf("/services/")));
        portal.setProperty("portal.keystore.path", client.getProperty("keystore"));
        portal.setProperty("portal.keystore.password", client.getProperty("keystorePassword"));
        portal.setProperty("portal.key.alias", client.getProperty("keyAlias"));
        portal.setProperty("portal.truststore.path", client.getProperty("truststore"));
        portal.setProperty("portal.truststore.password", client.getProperty("truststorePassword"));
        portal.setProperty("portal.server.alias", client.getProperty("serverAlias"));
        if (!clinicPortal(demo, clientProperties)) {
            // The FHIR endpoint is the clinic's (its systems verify cards); the center's console has none.
            portal.setProperty("portal.fhir.base-path", "");
        } else {
            addFolderExchange(demo, portal);
        }
        Path file = demo.dir().resolve(fileName);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            portal.store(writer, comment);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        return file;
    }

    private static boolean clinicPortal(DemoEnvironment demo, Path clientProperties) {
        return clientProperties.equals(demo.clientProperties());
    }

    /** The portal jar beside this build: {@code portal/target/portal.jar}. */
    public static Path defaultJar() {
        try {
            Path centerJar = Path.of(DemoPortalProcess.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            return centerJar.getParent().getParent().getParent().resolve("portal/target/portal.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the center's jar", e);
        }
    }

    public String url() {
        return url;
    }

    /** The clinic portal's FHIR R4 base (portal.fhir.base-path's default). */
    public String fhirUrl() {
        return url + "fhir";
    }

    @Override
    public void close() {
        process.destroy();
    }
}
