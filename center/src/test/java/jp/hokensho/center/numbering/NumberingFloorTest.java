package jp.hokensho.center.numbering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clock ties the counters: a restore jumps every node (known or new) past all it can have issued. */
class NumberingFloorTest {
    private static final Instant RESTORE = Instant.parse("2026-11-30T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void afterARaiseKnownAndNewNodesStartAtTheCeilingOfTheRestoreTime() throws Exception {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            assertEquals("00100000000000000001", issuer(database, 1, RESTORE.minusSeconds(3600)).next());
            long floor = NumberingFloor.raiseAfterRestore(database.dataSource(), Clock.fixed(RESTORE, ZoneOffset.UTC));
            assertEquals(NumberingFloor.ceilingAt(RESTORE), floor);
            assertEquals(218_163_600L * NumberingFloor.COUNTERS_PER_SECOND, floor, "seconds 2020-01-01 .. restore");

            Instant later = RESTORE.plusSeconds(5);
            assertEquals(String.format("001%017d", floor), issuer(database, 1, later).next(), "known node jumps");
            assertEquals(String.format("002%017d", floor), issuer(database, 2, later).next(), "new node starts there");
        }
    }

    @Test
    void aBlockPastTheClocksCeilingIsRefusedSoTheRuleARestoreReliesOnHolds() throws Exception {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            NumberingFloor.raiseAfterRestore(database.dataSource(), Clock.fixed(RESTORE, ZoneOffset.UTC));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> issuer(database, 3, RESTORE).next(), "within the restore's second nothing is below it");
            assertTrue(refused.getMessage().contains("numbers are not issued"), refused.getMessage());
            assertTrue(issuer(database, 3, RESTORE.plusSeconds(1)).next().startsWith("003"), "a second later");
        }
    }

    @Test
    void theFirstVerificationRightAfterARestoreWaitsForTheNextSecondInsteadOfFailing() throws Exception {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            long floor = NumberingFloor.raiseAfterRestore(database.dataSource(), Clock.systemUTC());

            String first = new BlockVerificationNumberIssuer(database, 4, 50, Clock.systemUTC()).next();

            assertEquals(String.format("004%017d", floor), first, "issued from the floor, within about a second");
        }
    }

    private static BlockVerificationNumberIssuer issuer(Database database, int node, Instant now) {
        return new BlockVerificationNumberIssuer(database, node, 50, Clock.fixed(now, ZoneOffset.UTC));
    }
}
