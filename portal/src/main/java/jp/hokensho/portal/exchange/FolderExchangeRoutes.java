package jp.hokensho.portal.exchange;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange's routes: Camel's file consumer reads a request only once it stopped changing (the {@code changed}
 * read lock: a file the hospital system is still writing is left alone), leaves it where it is ({@code noop}: the
 * handler moves it to {@code done/} or {@code err/} itself, after the answer is on disk) and skips files waiting
 * for their next try. Names ending in {@code .tmp} or {@code .part} are a hospital system's files still being
 * written and are never taken. A second route purges {@code done/}.
 */
final class FolderExchangeRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(FolderExchangeRoutes.class);
    static final String RETRY_FILTER = "folderExchangeRetryFilter";

    private final ExchangeSettings settings;
    private final RequestFileHandler handler;
    private final Clock clock;

    FolderExchangeRoutes(ExchangeSettings settings, RequestFileHandler handler, Clock clock) {
        this.settings = settings;
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from("file:" + settings.requestDir() + "?noop=true&idempotent=false"
                + "&readLock=changed&readLockCheckInterval=250&readLockTimeout=30000&readLockLoggingLevel=OFF"
                // No .camelLock marker files: they would appear in the hospital system's req/ folder.
                // An empty file is a request too (refused with a reason), not a file still being written.
                + "&readLockMarkerFile=false&readLockMinLength=0"
                + "&exclude=(?i).*\\.(tmp|part)&filter=#" + RETRY_FILTER + "&sortBy=file:modified&delay=" + settings.poll().toMillis()
                + "&maxMessagesPerPoll=" + settings.threads() * 25)
                .routeId("folder-exchange")
                .threads(settings.threads(), settings.threads())
                .process(exchange -> {
                    GenericFile<?> file = exchange.getIn().getBody(GenericFile.class);
                    handler.handle(Path.of(file.getAbsoluteFilePath()));
                });

        from("timer:folder-exchange-purge?delay=60000&period=3600000").routeId("folder-exchange-purge")
                .process(exchange -> purgeDone());
    }

    private void purgeDone() throws IOException {
        Instant before = clock.instant().minus(settings.doneKeep());
        int deleted = 0;
        try (Stream<Path> files = Files.list(settings.doneDir())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            LOG.info("folder exchange: {} requests older than {} days deleted from {}", deleted,
                    settings.doneKeep().toDays(), settings.doneDir());
        }
    }

    /** Skips a file whose next try is not due yet. */
    static org.apache.camel.component.file.GenericFileFilter<File> retryFilter(RetrySchedule retries) {
        return file -> file.isDirectory() || retries.due(file.getFileName());
    }
}
