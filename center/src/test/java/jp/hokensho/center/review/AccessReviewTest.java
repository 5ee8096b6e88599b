package jp.hokensho.center.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.center.security.CredentialCache;
import jp.hokensho.center.security.PasswordAuthenticator;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.center.security.RefusalReason;
import jp.hokensho.contract.admin.AccessReview;
import jp.hokensho.contract.admin.AccessReviewOrganisation;
import jp.hokensho.contract.admin.AccessReviewUser;
import jp.hokensho.contract.admin.ReviewAccountStatus;
import jp.hokensho.contract.admin.ReviewKeyStatus;
import jp.hokensho.routes.port.AccessReviewPort.AccessReviewRefused;
import jp.hokensho.routes.port.PendingApplications;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The access review on the real schema: last use noted once a day, dormant accounts flagged then disabled by the
 * sweep and refused at authentication, re-enabled by a sign-off, reviews overdue after the interval, key status.
 * Each test has its own organisations, people and clock on the class's database.
 */
class AccessReviewTest {
    private static final String PASSWORD = "Correct-Horse-1";
    private static final ReviewSettings SETTINGS = new ReviewSettings(90, 30, 90, 30, Duration.ofHours(24));
    private static final AtomicLong SERIALS = new AtomicLong(1000);

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
        private final PasswordHasher hasher = new PasswordHasher(1_000);

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        /** One test's world: its clock, stores and authenticator over the class's database. */
        final class World {
            final MovableClock clock = new MovableClock(Instant.parse("2026-04-01T01:00:00Z"));
            final OrganisationRepository organisations = new OrganisationRepository(database, clock);
            final UserAccountStore users = new UserAccountStore(database, clock);
            final AccessReviewStore store = new AccessReviewStore(database.dataSource());
            final PasswordAuthenticator authenticator = new PasswordAuthenticator(users, hasher,
                    new CredentialCache(Duration.ofHours(8), 100, clock),
                    new PasswordAuthenticator.LockoutPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock);
            PendingApplications.Counts pending = PendingApplications.Counts.none();
            final StoredAccessReview review = new StoredAccessReview(store, new CertificateStore(database, clock),
                    () -> pending, SETTINGS, clock);
            final DormantAccountSweep sweep = new DormantAccountSweep(store, SETTINGS, clock);

            void organisation(String code) {
                organisations.create(code, "組織" + code, OrganisationKind.MEDICAL_INSTITUTION);
            }

            void user(String userId, String organisation) {
                users.create(userId, organisation, "MEDICAL_INSTITUTION:STAFF", hasher.hash(PASSWORD));
            }

            PasswordAuthenticator.Result logIn(String userId, String organisation) {
                return authenticator.authenticate(userId, PASSWORD, organisation);
            }

            AccessReviewUser userRow(String userId) {
                return review.review().getUser().stream().filter(u -> u.getUserId().equals(userId)).findFirst()
                        .orElseThrow();
            }

            AccessReviewOrganisation organisationRow(String code) {
                return review.review().getOrganisation().stream().filter(o -> o.getCode().equals(code)).findFirst()
                        .orElseThrow();
            }

            void days(int days) {
                clock.advance(Duration.ofDays(days));
            }
        }

        @Test
        void dormantAccountIsFlaggedThenDisabledRefusedAndReenabledBySignOff() {
            World w = new World();
            w.organisation("ORG-D1");
            w.user("d1-active", "ORG-D1");
            w.user("d1-idle", "ORG-D1");
            Instant created = w.clock.instant();
            w.days(80);
            assertTrue(w.logIn("d1-active", "ORG-D1").accepted());
            w.days(11); // day 91: the idle account was created 91 days ago and never used

            AccessReviewUser idle = w.userRow("d1-idle");
            assertEquals(ReviewAccountStatus.DORMANT, idle.getStatus());
            assertNull(idle.getLastUsedAt());
            assertEquals(created.plus(Duration.ofDays(120)).atOffset(ZoneOffset.UTC), idle.getDisableDueAt());
            assertEquals(ReviewAccountStatus.ACTIVE, w.userRow("d1-active").getStatus());

            w.days(28); // day 119: dormant, but not yet for the further 30 days
            w.sweep.disableDormant(w.clock.instant());
            assertEquals(ReviewAccountStatus.DORMANT, w.userRow("d1-idle").getStatus());
            assertTrue(w.logIn("d1-active", "ORG-D1").accepted());
            w.days(1); // day 120
            // The count covers the whole database, which other tests share: each test checks its own people.
            assertTrue(w.sweep.disableDormant(w.clock.instant()) >= 1);
            assertEquals(0, w.sweep.disableDormant(w.clock.instant()), "a second run changes nothing");

            assertEquals(RefusalReason.ACCOUNT_DISABLED, w.logIn("d1-idle", "ORG-D1").reason());
            idle = w.userRow("d1-idle");
            assertEquals(ReviewAccountStatus.DISABLED, idle.getStatus());
            assertTrue(idle.getDisabledReason().startsWith(DormantAccountSweep.REASON_PREFIX),
                    idle.getDisabledReason());
            assertEquals(ReviewAccountStatus.ACTIVE, w.userRow("d1-active").getStatus());

            var signOff = w.review.signOff("center-admin", "ORG-D1", "  退職者なし、d1-idle は継続  ",
                    List.of("d1-idle", "d1-idle"));
            assertEquals(List.of("d1-idle"), signOff.getReenabledUser());
            assertEquals("退職者なし、d1-idle は継続", signOff.getComment());
            assertTrue(w.logIn("d1-idle", "ORG-D1").accepted(), "refused no more once re-enabled");
            assertEquals(1L, ((Number) queryValue("SELECT COUNT(*) FROM access_review_reenabled r"
                    + " JOIN access_review_sign_off s ON s.id = r.sign_off_id WHERE s.organisation_code = 'ORG-D1'"
                    + " AND s.reviewer_user_id = 'center-admin' AND r.user_id = 'd1-idle'")).longValue());
        }

        @Test
        void reenabledAccountCountsFromItsReenablingNotFromItsLastUse() {
            World w = new World();
            w.organisation("ORG-D2");
            w.user("d2-idle", "ORG-D2");
            w.days(120);
            w.sweep.disableDormant(w.clock.instant());
            assertEquals(ReviewAccountStatus.DISABLED, w.userRow("d2-idle").getStatus());
            w.review.signOff("center-admin", "ORG-D2", null, List.of("d2-idle"));

            w.days(1);
            w.sweep.disableDormant(w.clock.instant());
            assertEquals(ReviewAccountStatus.ACTIVE, w.userRow("d2-idle").getStatus(), "not disabled again next day");
            w.days(90);
            assertEquals(ReviewAccountStatus.DORMANT, w.userRow("d2-idle").getStatus(), "90 days after re-enabling");
            w.days(29);
            w.sweep.disableDormant(w.clock.instant());
            assertEquals(ReviewAccountStatus.DISABLED, w.userRow("d2-idle").getStatus(), "120 days after");
        }

        @Test
        void commandLineEnablingRestartsTheDormancyCountToo() {
            World w = new World();
            w.organisation("ORG-E1");
            w.user("e1-admin", "ORG-E1");
            w.days(120);
            w.sweep.disableDormant(w.clock.instant());
            assertEquals(RefusalReason.ACCOUNT_DISABLED, w.logIn("e1-admin", "ORG-E1").reason());

            assertTrue(w.users.enable("e1-admin"));
            assertFalse(w.users.enable("e1-admin"), "already enabled");
            w.days(1);
            w.sweep.disableDormant(w.clock.instant());
            assertTrue(w.logIn("e1-admin", "ORG-E1").accepted());
        }

        @Test
        void lastUseIsWrittenOncePerJapaneseDay() {
            World w = new World();
            w.organisation("ORG-U1");
            w.user("u1", "ORG-U1");
            // 2026-04-01T01:00Z is 10:00 in Tokyo.
            Instant first = w.clock.instant();
            assertTrue(w.logIn("u1", "ORG-U1").accepted());
            w.clock.advance(Duration.ofHours(13)); // 23:00 in Tokyo, same day
            assertTrue(w.logIn("u1", "ORG-U1").accepted());
            assertEquals(first.atOffset(ZoneOffset.UTC), w.userRow("u1").getLastUsedAt(), "not rewritten the same day");

            w.clock.advance(Duration.ofHours(2)); // 01:00 the next day in Tokyo, still 2026-04-01 in UTC
            Instant nextDay = w.clock.instant();
            assertTrue(w.logIn("u1", "ORG-U1").accepted());
            assertEquals(nextDay.atOffset(ZoneOffset.UTC), w.userRow("u1").getLastUsedAt());
            assertFalse(w.users.recordUse("u1", nextDay.plusSeconds(60),
                    nextDay.atZone(ZoneId.of("Asia/Tokyo")).toLocalDate().atStartOfDay(ZoneId.of("Asia/Tokyo"))
                            .toInstant()), "a second note the same day writes nothing");
        }

        @Test
        void signOffOfAnUnknownOrganisationOrAnAccountNotDisabledIsRefusedAndWritesNothing() {
            World w = new World();
            w.organisation("ORG-S1");
            w.organisation("ORG-S2");
            w.user("s1-enabled", "ORG-S1");
            w.user("s2-idle", "ORG-S2");
            w.days(120);
            assertTrue(w.logIn("s1-enabled", "ORG-S1").accepted());
            w.sweep.disableDormant(w.clock.instant());
            long before = ((Number) queryValue("SELECT COUNT(*) FROM access_review_sign_off")).longValue();

            AccessReviewRefused unknown = assertThrows(AccessReviewRefused.class,
                    () -> w.review.signOff("center-admin", "NO-SUCH-ORG", null, List.of()));
            assertEquals(AccessReviewRefused.ORGANISATION_NOT_FOUND, unknown.code());
            AccessReviewRefused notDisabled = assertThrows(AccessReviewRefused.class,
                    () -> w.review.signOff("center-admin", "ORG-S1", null, List.of("s1-enabled")));
            assertEquals(AccessReviewRefused.USER_NOT_DISABLED, notDisabled.code());
            assertEquals("reenableUser", notDisabled.field());
            // Another organisation's disabled person: refused, and the first, valid, name is not re-enabled either.
            w.user("s1-idle", "ORG-S1");
            w.days(121);
            w.sweep.disableDormant(w.clock.instant());
            AccessReviewRefused otherOrganisation = assertThrows(AccessReviewRefused.class,
                    () -> w.review.signOff("center-admin", "ORG-S1", null, List.of("s1-idle", "s2-idle")));
            assertEquals(AccessReviewRefused.USER_NOT_DISABLED, otherOrganisation.code());

            assertEquals(before, ((Number) queryValue("SELECT COUNT(*) FROM access_review_sign_off")).longValue());
            assertEquals(ReviewAccountStatus.DISABLED, w.userRow("s1-idle").getStatus(), "all or nothing");
            assertEquals(ReviewAccountStatus.DISABLED, w.userRow("s2-idle").getStatus());
        }

        @Test
        void reviewIsOverdueAnIntervalAfterRegistrationOrTheLastSignOff() {
            World w = new World();
            w.organisation("ORG-R1");
            w.days(89);
            assertFalse(w.organisationRow("ORG-R1").isOverdue());
            assertFalse(w.review.overdueOrganisations(w.clock.instant()).contains("ORG-R1"));
            w.days(1);
            assertTrue(w.organisationRow("ORG-R1").isOverdue());
            assertTrue(w.review.overdueOrganisations(w.clock.instant()).contains("ORG-R1"));

            w.review.signOff("center-admin", "ORG-R1", "四半期の見直し", List.of());
            AccessReviewOrganisation signedOff = w.organisationRow("ORG-R1");
            assertFalse(signedOff.isOverdue());
            assertEquals("center-admin", signedOff.getLastSignOff().getReviewer());
            assertEquals("四半期の見直し", signedOff.getLastSignOff().getComment());
            assertEquals(w.clock.instant().plus(Duration.ofDays(90)).atOffset(ZoneOffset.UTC),
                    signedOff.getReviewDueAt());
            assertFalse(w.review.overdueOrganisations(w.clock.instant()).contains("ORG-R1"));
        }

        @Test
        void keyStatusAndPendingApplicationsPerOrganisationAndPerson() {
            World w = new World();
            for (String code : List.of("ORG-K1", "ORG-K2", "ORG-K3")) {
                w.organisation(code);
            }
            w.user("k2-person", "ORG-K2");
            CertificateStore certificates = new CertificateStore(database, w.clock);
            Instant now = w.clock.instant();
            Instant yesterday = now.minus(Duration.ofDays(1));
            certificates.register(serial(), "ORG-K1", "CN=K1", yesterday, now.plus(Duration.ofDays(365)));
            certificates.register(serial(), "ORG-K2", "CN=K2", yesterday, now.plus(Duration.ofDays(20)));
            BigInteger revoked = serial();
            certificates.register(revoked, "ORG-K3", "CN=K3", yesterday, now.plus(Duration.ofDays(365)));
            certificates.revoke(revoked, now);
            w.pending = new PendingApplications.Counts(Map.of("ORG-K2", 3), Map.of("k2-person", 1));

            AccessReview review = w.review.review();
            AccessReviewOrganisation k1 = organisation(review, "ORG-K1");
            assertEquals(ReviewKeyStatus.VALID, k1.getKeyStatus());
            assertEquals(now.plus(Duration.ofDays(365)).atOffset(ZoneOffset.UTC), k1.getKeyValidUntil());
            AccessReviewOrganisation k2 = organisation(review, "ORG-K2");
            assertEquals(ReviewKeyStatus.EXPIRING, k2.getKeyStatus());
            assertEquals(1, k2.getExpiringKeys());
            assertEquals(3, k2.getPendingApplications());
            AccessReviewOrganisation k3 = organisation(review, "ORG-K3");
            assertEquals(ReviewKeyStatus.NO_VALID_KEY, k3.getKeyStatus());
            assertEquals(1, k3.getRevokedKeys());
            AccessReviewUser person = review.getUser().stream().filter(u -> u.getUserId().equals("k2-person"))
                    .findFirst().orElseThrow();
            assertEquals(ReviewKeyStatus.EXPIRING, person.getKeyStatus());
            assertEquals(1, person.getPendingApplications());
            assertEquals("担当者", person.getRoleName());
        }

        private static AccessReviewOrganisation organisation(AccessReview review, String code) {
            return review.getOrganisation().stream().filter(o -> o.getCode().equals(code)).findFirst().orElseThrow();
        }

        private static BigInteger serial() {
            return BigInteger.valueOf(SERIALS.incrementAndGet());
        }
    }

    /** A clock tests move forward. */
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
            return ZoneOffset.UTC;
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
