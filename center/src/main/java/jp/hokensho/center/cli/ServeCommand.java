package jp.hokensho.center.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.hokensho.center.CenterApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code center serve --config FILE}: runs a node of the center until the JVM is asked to stop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs a node of the center until stopped (SIGTERM or Ctrl-C); it refuses to start, naming"
                + " the setting, when a key or password is missing.")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        runUntilShutdown(CenterApplication.start(config.settings(), config.clock()));
        return 0;
    }

    /** Blocks until the JVM is asked to stop; the shutdown hook closes everything in the order given. */
    static void runUntilShutdown(AutoCloseable... running) throws InterruptedException {
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
}
