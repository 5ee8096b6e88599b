package jp.hokensho.portal.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import jp.hokensho.portal.center.CenterConnector;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder exchange of the institution's terminal, like the national online eligibility system's: a hospital
 * system drops request files into {@code req/} and reads answers from {@code res/}. Every request becomes a call of
 * the EligibilityService under the institution's integration account (docs/integration.md).
 */
public final class FolderExchange implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderExchange.class);
    private final CamelContext camel;

    private FolderExchange(CamelContext camel) {
        this.camel = camel;
    }

    public static FolderExchange start(ExchangeSettings settings, CenterConnector connector, Clock clock) {
        String password = IntegrationPassword.read(settings.passwordFile());
        for (Path folder : List.of(settings.requestDir(), settings.responseDir(), settings.errorDir(),
                settings.doneDir(), settings.workDir())) {
            prepare(folder);
        }
        RetrySchedule retries = new RetrySchedule(clock, settings.retryFirst(), settings.retryMax(),
                settings.giveUpAfter());
        CenterSessions sessions = new CenterSessions(connector, settings.userId(), password, settings.threads());
        RequestFileHandler handler = new RequestFileHandler(settings, sessions, retries, clock);
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("folder-exchange");
        camel.getRegistry().bind(FolderExchangeRoutes.RETRY_FILTER, FolderExchangeRoutes.retryFilter(retries));
        try {
            camel.addRoutes(new FolderExchangeRoutes(settings, handler, clock));
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException("the folder exchange could not start: " + e.getMessage(), e);
        }
        LOG.info("folder exchange: requests from {}, answers to {}, errors to {}, as {}", settings.requestDir(),
                settings.responseDir(), settings.errorDir(), settings.userId());
        return new FolderExchange(camel);
    }

    /** Creates the folder and removes temporary files a crash left half-written (never a finished answer). */
    private static void prepare(Path folder) {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".tmp")) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the folder exchange cannot use the folder " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            camel.stop();
        } catch (RuntimeException e) {
            LOG.warn("the folder exchange did not stop cleanly", e);
        }
    }
}
