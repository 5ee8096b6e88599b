package jp.hokensho.center.numbering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Verification numbers are 20 digits, start at ...01 and never repeat across nodes, threads or restarts. */
class BlockVerificationNumberIssuerTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabases.Vendor.H2);
        }
    }

    @Nested
    class OnMariaDb extends Contract {
        OnMariaDb() {
            super(TestDatabases.Vendor.MARIADB);
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void noBlocksYet() {
            sql("DELETE FROM verification_number_block");
        }

        @Test
        void nodeZeroStartsAtOne() {
            var issuer = new BlockVerificationNumberIssuer(database, 0);
            assertEquals("00000000000000000001", issuer.next());
            assertEquals("00000000000000000002", issuer.next());
        }

        @Test
        void theNodeIdLeadsTheNumber() {
            assertEquals("12300000000000000001", new BlockVerificationNumberIssuer(database, 123).next());
            assertThrows(IllegalArgumentException.class, () -> new BlockVerificationNumberIssuer(database, 1000));
            assertThrows(IllegalArgumentException.class, () -> new BlockVerificationNumberIssuer(database, -1));
        }

        @Test
        void aRestartedNodeSkipsTheRestOfItsBlockAndNeverReuses() {
            var first = new BlockVerificationNumberIssuer(database, 7, 50, Clock.systemUTC());
            assertEquals("00700000000000000001", first.next());
            var restarted = new BlockVerificationNumberIssuer(database, 7, 50, Clock.systemUTC());
            assertEquals("00700000000000000051", restarted.next());
        }

        @Test
        void theNextBlockIsReservedAheadOnceHalfTheBlockIsUsedAndFollowsWithoutAGap() {
            var issuer = new BlockVerificationNumberIssuer(database, 8, 4, Clock.systemUTC());
            assertEquals("00800000000000000001", issuer.next());
            assertEquals(5L, nextCounter(8), "one block reserved");
            assertEquals("00800000000000000002", issuer.next());
            assertEquals(9L, nextCounter(8), "half the block used: the next one reserved ahead");
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                numbers.add(issuer.next());
            }
            assertEquals(List.of("00800000000000000003", "00800000000000000004", "00800000000000000005",
                    "00800000000000000006", "00800000000000000007"), numbers, "the block ahead follows at once");
            assertEquals(13L, nextCounter(8), "and the one after it was reserved ahead in turn");
            assertEquals("00800000000000000013", new BlockVerificationNumberIssuer(database, 8, 4, Clock.systemUTC())
                    .next(), "a restart skips the rest of the block and the block ahead, never reuses");
        }

        private long nextCounter(int node) {
            return ((Number) queryValue("SELECT next_counter FROM verification_number_block WHERE node_id = ?", node))
                    .longValue();
        }

        @Test
        void numbersAreUniqueAcrossThreadsNodesAndRestarts() throws Exception {
            // Two nodes, and node 5 twice at once (a restart overlapping the old process); small blocks
            // so that reservations collide often.
            List<BlockVerificationNumberIssuer> issuers = List.of(
                    new BlockVerificationNumberIssuer(database, 5, 3, Clock.systemUTC()),
                    new BlockVerificationNumberIssuer(database, 5, 3, Clock.systemUTC()),
                    new BlockVerificationNumberIssuer(database, 6, 3, Clock.systemUTC()));
            int threads = 6;
            int perThread = 60;
            Set<String> seen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                var issuer = issuers.get(t % issuers.size());
                results.add(pool.submit(() -> {
                    start.await();
                    int duplicates = 0;
                    for (int i = 0; i < perThread; i++) {
                        String number = issuer.next();
                        assertTrue(number.matches("\\d{20}"), number);
                        if (!seen.add(number)) {
                            duplicates++;
                        }
                    }
                    return duplicates;
                }));
            }
            start.countDown();
            int duplicates = 0;
            for (Future<Integer> result : results) {
                duplicates += result.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertEquals(0, duplicates);
            assertEquals(threads * perThread, seen.size());
            // A later restart of node 5 continues after everything handed out before.
            String afterRestart = new BlockVerificationNumberIssuer(database, 5, 3, Clock.systemUTC()).next();
            long highestNode5 = seen.stream().filter(n -> n.startsWith("005"))
                    .mapToLong(n -> Long.parseLong(n.substring(3))).max().orElseThrow();
            assertTrue(Long.parseLong(afterRestart.substring(3)) > highestNode5, afterRestart);
        }
    }
}
