package jp.hokensho.center.organisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifications' snapshot of the insurer directory, over the real table: look-ups within the bound cost no
 * read, and a change made through another registry (another node, the command line) is served once the snapshot
 * is as old as the bound, never later.
 */
class CachedInsurerDirectoryTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void anEndedInsurerIsServedNoLongerThanTheBound() {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            InsurerRegistry otherNode = new InsurerRegistry(database);
            otherNode.register(preStored("00000012"));
            CachedInsurerDirectory directory = cached(new InsurerRegistry(database));

            assertTrue(directory.find("００００００１２").isPresent(), "found by its normalised number");
            otherNode.end("00000012");
            advance(BOUND.minusMillis(1));
            assertTrue(directory.find("00000012").isPresent(), "the snapshot is kept within the bound");
            advance(Duration.ofMillis(1));
            assertFalse(directory.find("00000012").isPresent(), "an ended insurer is gone at the bound");
            assertEquals(2, reads.get());
        }
    }

    @Test
    void aRegisteredOrChangedInsurerIsServedAtTheBoundAndLookUpsWithinItReadNothing() {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            InsurerRegistry otherNode = new InsurerRegistry(database);
            otherNode.register(preStored("00000012"));
            CachedInsurerDirectory directory = cached(new InsurerRegistry(database));
            for (int i = 0; i < 100; i++) {
                assertTrue(directory.find("00000012").isPresent());
            }
            assertFalse(directory.find("00000013").isPresent());
            assertEquals(1, reads.get(), "one read serves every look-up within the bound");

            otherNode.register(preStored("00000013"));
            otherNode.register(new InsurerEntry("00000012", "〇〇〇健康保険組合", null, DeliveryMode.REAL_TIME,
                    "http://127.0.0.1:9001/insurer", "insurer12", Duration.ofSeconds(2)));
            advance(BOUND);

            assertTrue(directory.find("00000013").isPresent());
            assertEquals(DeliveryMode.REAL_TIME, directory.find("00000012").orElseThrow().mode());
        }
    }

    @Test
    void forgettingReadsTheTableOnTheNextLookUp() {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            InsurerRegistry registry = new InsurerRegistry(database);
            CachedInsurerDirectory directory = cached(registry);
            assertFalse(directory.find("00000012").isPresent());

            registry.register(preStored("00000012"));
            directory.forget();

            assertTrue(directory.find("00000012").isPresent());
        }
    }

    private CachedInsurerDirectory cached(InsurerRegistry registry) {
        Supplier<List<InsurerEntry>> counted = () -> {
            reads.incrementAndGet();
            return registry.active();
        };
        return new CachedInsurerDirectory(counted, BOUND, nanos::get);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private static InsurerEntry preStored(String number) {
        return new InsurerEntry(number, "〇〇〇健康保険組合", "東京都〇〇区××1-1-1", DeliveryMode.PRE_STORED, null, null,
                null);
    }
}
