package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password checks: the organisation before the password, lockout within a window and its expiry, the credential
 * cache and its invalidation by a new hash or a lock.
 */
class PasswordAuthenticatorTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private static final String CLINIC = "1311234567";
    private static final String INSURER = "33120015";
    private final PasswordHasher hasher = new PasswordHasher(1_000);
    private Database database;
    private UserAccountStore users;
    private PasswordAuthenticator authenticator;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        database = TestDatabases.h2(dir).open();
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        organisations.create(CLINIC, "上野の森クリニック", OrganisationKind.MEDICAL_INSTITUTION);
        organisations.create(INSURER, "△△△健康保険組合", OrganisationKind.INSURER);
        users = new UserAccountStore(database, clock);
        users.create("clinic-staff", CLINIC, "MEDICAL_INSTITUTION:STAFF", hasher.hash("Correct-Horse-1"));
        authenticator = new PasswordAuthenticator(users, hasher,
                new CredentialCache(Duration.ofHours(8), 100, clock),
                new PasswordAuthenticator.LockoutPolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void rightPasswordIsAcceptedAndWrongOrUnknownRefused() {
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
        assertEquals(RefusalReason.WRONG_PASSWORD, authenticator.authenticate("clinic-staff", "wrong", CLINIC).reason());
        assertEquals(RefusalReason.UNKNOWN_USER, authenticator.authenticate("nobody", "Correct-Horse-1", CLINIC).reason());
    }

    @Test
    void consecutiveFailuresLockTheAccountUntilThePeriodEnds() {
        for (int i = 0; i < 3; i++) {
            authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        }
        assertEquals(RefusalReason.LOCKED, authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).reason(),
                "even the right password while locked");
        clock.advance(Duration.ofMinutes(16));
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
    }

    @Test
    void successResetsTheFailureCount() {
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted(), "not locked: reset");
    }

    @Test
    void cachedCredentialStopsWorkingWhenThePasswordChangesOnAnyNode() {
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
        // Another node changes the password: only the database knows.
        users.changePassword("clinic-staff", hasher.hash("New-Battery-2"));
        assertEquals(RefusalReason.WRONG_PASSWORD, authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC)
                .reason());
        assertTrue(authenticator.authenticate("clinic-staff", "New-Battery-2", CLINIC).accepted());
    }

    @Test
    void aKeyOfAnotherOrganisationNeitherChecksNorCountsThePassword() {
        for (int i = 0; i < 10; i++) {
            assertEquals(RefusalReason.ORGANISATION_MISMATCH,
                    authenticator.authenticate("clinic-staff", "wrong", INSURER).reason());
        }
        assertEquals(RefusalReason.ORGANISATION_MISMATCH,
                authenticator.authenticate("clinic-staff", "Correct-Horse-1", INSURER).reason(),
                "not even the right password opens the account to another organisation's key");
        assertEquals(0, users.find("clinic-staff").orElseThrow().failedAttempts());
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        clock.advance(Duration.ofMinutes(16));
        authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        assertEquals(1, users.find("clinic-staff").orElseThrow().failedAttempts(), "a fresh count");
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted(), "not locked");
    }

    @Test
    void oneWrongTryAfterALockExpiresStartsAFreshCountInsteadOfLockingAgain() {
        for (int i = 0; i < 3; i++) {
            authenticator.authenticate("clinic-staff", "wrong", CLINIC);
        }
        for (int period = 0; period < 3; period++) {
            clock.advance(Duration.ofMinutes(16));
            assertEquals(RefusalReason.WRONG_PASSWORD,
                    authenticator.authenticate("clinic-staff", "wrong", CLINIC).reason());
            assertFalse(users.find("clinic-staff").orElseThrow().lockedAt(clock.instant()),
                    "one wrong try per lock period keeps nobody locked");
        }
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
    }

    @Test
    void aCachedPasswordDoesNotOpenAnAccountLockedOnAnotherNode() {
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC).accepted());
        for (int i = 0; i < 3; i++) {
            // Another node counts the failures: only the database knows.
            users.recordFailure("clinic-staff", 3, Duration.ofMinutes(15), Duration.ofMinutes(15));
        }
        assertEquals(RefusalReason.LOCKED, authenticator.authenticate("clinic-staff", "Correct-Horse-1", CLINIC)
                .reason());
    }

    /** A clock tests can move forward. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
