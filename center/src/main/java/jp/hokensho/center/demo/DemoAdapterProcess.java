package jp.hokensho.center.demo;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo's real-time insurer as its own process (its own JVM, database and key), as a real insurer's
 * card server would be: the center reaches it only through the InsurerQueryService contract.
 */
public final class DemoAdapterProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoAdapterProcess.class);
    private final Process process;

    private DemoAdapterProcess(Process process) {
        this.process = process;
    }

    public static DemoAdapterProcess start(Path adapterJar, Path adapterProperties) {
        if (!Files.isRegularFile(adapterJar)) {
            throw new IllegalStateException("insurer adapter jar not found at " + adapterJar
                    + " (build with 'mvn -DskipTests install', or set center.demo.adapter-jar)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-jar", adapterJar.toString(),
                    "--config", adapterProperties.toString()).inheritIO().start();
            LOG.info("started the demo insurer adapter (pid {})", process.pid());
            return new DemoAdapterProcess(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the insurer adapter " + adapterJar, e);
        }
    }

    /** The adapter jar beside this build: {@code insurer-adapter/target/insurer-adapter.jar}. */
    public static Path defaultJar() {
        try {
            Path centerJar = Path.of(DemoAdapterProcess.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            Path moduleTarget = centerJar.getParent();
            return moduleTarget.getParent().getParent().resolve("insurer-adapter/target/insurer-adapter.jar");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the center's jar", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
