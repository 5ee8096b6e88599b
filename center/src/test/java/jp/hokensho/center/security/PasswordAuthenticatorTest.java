package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Password checks: lockout and its expiry, the credential cache and its invalidation by a new hash. */
class PasswordAuthenticatorTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher(1_000);
    private Database database;
    private UserAccountStore users;
    private PasswordAuthenticator authenticator;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        database = TestDatabases.h2(dir).open();
        new OrganisationRepository(database, clock).create("1311234567", "上野の森クリニック",
                OrganisationKind.MEDICAL_INSTITUTION);
        users = new UserAccountStore(database, clock);
        users.create("clinic-staff", "1311234567", "MEDICAL_INSTITUTION:STAFF", hasher.hash("Correct-Horse-1"));
        authenticator = new PasswordAuthenticator(users, hasher, new CredentialCache(Duration.ofMinutes(1), clock),
                new PasswordAuthenticator.LockoutPolicy(3, Duration.ofMinutes(15)), clock);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void rightPasswordIsAcceptedAndWrongOrUnknownRefused() {
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1").accepted());
        assertEquals(RefusalReason.WRONG_PASSWORD, authenticator.authenticate("clinic-staff", "wrong").reason());
        assertEquals(RefusalReason.UNKNOWN_USER, authenticator.authenticate("nobody", "Correct-Horse-1").reason());
    }

    @Test
    void consecutiveFailuresLockTheAccountUntilThePeriodEnds() {
        for (int i = 0; i < 3; i++) {
            authenticator.authenticate("clinic-staff", "wrong");
        }
        assertEquals(RefusalReason.LOCKED, authenticator.authenticate("clinic-staff", "Correct-Horse-1").reason(),
                "even the right password while locked");
        clock.advance(Duration.ofMinutes(16));
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1").accepted());
    }

    @Test
    void successResetsTheFailureCount() {
        authenticator.authenticate("clinic-staff", "wrong");
        authenticator.authenticate("clinic-staff", "wrong");
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1").accepted());
        authenticator.authenticate("clinic-staff", "wrong");
        authenticator.authenticate("clinic-staff", "wrong");
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1").accepted(), "not locked: reset");
    }

    @Test
    void cachedCredentialStopsWorkingWhenThePasswordChangesOnAnyNode() {
        assertTrue(authenticator.authenticate("clinic-staff", "Correct-Horse-1").accepted());
        // Another node changes the password: only the database knows.
        users.changePassword("clinic-staff", hasher.hash("New-Battery-2"));
        assertEquals(RefusalReason.WRONG_PASSWORD, authenticator.authenticate("clinic-staff", "Correct-Horse-1")
                .reason());
        assertTrue(authenticator.authenticate("clinic-staff", "New-Battery-2").accepted());
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
