package jp.hokensho.center.organisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Organisations, the insurer directory, user accounts (lockout) and certificates (revocation). */
class OrganisationStoresTest {

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
        private static final Instant NOW = Instant.parse("2026-01-05T01:02:03.123456789Z");
        private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        private OrganisationRepository organisations;
        private String clinic;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void aClinic() {
            organisations = new OrganisationRepository(database, clock);
            clinic = "M" + UUID.randomUUID().toString().substring(0, 8);
            organisations.create(clinic, "上野医院", OrganisationKind.MEDICAL_INSTITUTION);
        }

        @Test
        void createsAndFindsOrganisationsByExactCode() {
            assertEquals(new Organisation(clinic, "上野医院", OrganisationKind.MEDICAL_INSTITUTION),
                    organisations.find(clinic).orElseThrow());
            assertFalse(organisations.find(clinic.toLowerCase()).isPresent());
            assertThrows(OrganisationNotFoundException.class, () -> organisations.require("nope"));
            assertThrows(RuntimeException.class,
                    () -> organisations.create(clinic, "二重", OrganisationKind.MEDICAL_INSTITUTION));
        }

        @Test
        void registersAndReplacesInsurers() {
            var registry = new InsurerRegistry(database, clock);
            registry.register(new InsurerEntry("００００００１２", "〇〇〇健康保険組合", "東京都〇〇区××1-1-1",
                    DeliveryMode.PRE_STORED, null, null, null));
            assertEquals(DeliveryMode.PRE_STORED, registry.find("00000012").orElseThrow().mode());

            registry.register(new InsurerEntry("00000012", "〇〇〇健康保険組合", "東京都〇〇区××1-1-1",
                    DeliveryMode.REAL_TIME, "http://127.0.0.1:9001/insurer", "insurer12", Duration.ofMillis(2500)));
            InsurerEntry found = registry.find("00000012").orElseThrow();
            assertEquals(DeliveryMode.REAL_TIME, found.mode());
            assertEquals("http://127.0.0.1:9001/insurer", found.endpointAddress());
            assertEquals("insurer12", found.certificateAlias());
            assertEquals(Duration.ofMillis(2500), found.timeout());
            assertEquals("〇〇〇健康保険組合", found.name());
            assertFalse(registry.find("00000099").isPresent());
        }

        @Test
        void refusesARealTimeInsurerAtPlainHttpOffLoopbackAndKeepsTheEntryItHad() {
            var registry = new InsurerRegistry(database, clock);
            registry.register(new InsurerEntry("00000013", "〇〇〇健康保険組合", null, DeliveryMode.REAL_TIME,
                    "https://insurer13.example.jp/services/insurer-query", "insurer13", Duration.ofSeconds(5)));

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> registry.register(new InsurerEntry("00000013", "〇〇〇健康保険組合", null,
                            DeliveryMode.REAL_TIME, "http://insurer13.example.jp/services/insurer-query", "insurer13",
                            Duration.ofSeconds(5))));

            assertTrue(refused.getMessage().contains("plain HTTP to insurer13.example.jp"), refused.getMessage());
            assertEquals("https://insurer13.example.jp/services/insurer-query",
                    registry.find("00000013").orElseThrow().endpointAddress());
        }

        @Test
        void countsFailuresLocksAtTheThresholdAndResetsOnSuccess() {
            Duration window = Duration.ofHours(1);
            Duration lockFor = Duration.ofMinutes(15);
            var users = new UserAccountStore(database, clock);
            String user = "u-" + clinic;
            users.create(user, clinic, "BUSINESS_MANAGER", "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");

            UserAccountView created = users.find(user).orElseThrow();
            assertEquals(clinic, created.organisationCode());
            assertEquals("上野医院", created.organisationName());
            assertEquals(0, created.failedAttempts());
            assertNull(created.lockedUntil());

            users.recordFailure(user, 3, window, lockFor);
            UserAccountView twice = users.recordFailure(user, 3, window, lockFor).orElseThrow();
            assertEquals(2, twice.failedAttempts());
            assertFalse(twice.lockedAt(NOW));
            UserAccountView locked = users.recordFailure(user, 3, window, lockFor).orElseThrow();
            assertEquals(3, locked.failedAttempts());
            assertEquals(NOW.plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MICROS), locked.lockedUntil());
            assertTrue(users.find(user).orElseThrow().lockedAt(NOW));

            users.recordSuccess(user);
            UserAccountView reset = users.find(user).orElseThrow();
            assertEquals(0, reset.failedAttempts());
            assertNull(reset.lockedUntil());
            assertFalse(users.recordFailure("no-such-user", 3, window, lockFor).isPresent());
        }

        @Test
        void concurrentFailuresAllCount() throws Exception {
            var users = new UserAccountStore(database, clock);
            String user = "c-" + clinic;
            users.create(user, clinic, "STAFF", "hash");
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 5; i++) {
                        users.recordFailure(user, 100, Duration.ofHours(1), Duration.ofMinutes(1));
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(20, users.find(user).orElseThrow().failedAttempts());
        }

        @Test
        void userIdsAreExact() {
            var users = new UserAccountStore(database, clock);
            users.create("ハ" + clinic, clinic, "STAFF", "hash");
            assertFalse(users.find("パ" + clinic).isPresent());
            assertThrows(RuntimeException.class, () -> users.create("x" + clinic, "unknown-org", "STAFF", "hash"));
        }

        @Test
        void registersFindsAndRevokesCertificates() {
            var certificates = new CertificateStore(database, clock);
            BigInteger serial = new BigInteger("1234567890123456789012345678901234567890");
            certificates.register(serial, clinic, "CN=上野医院,O=" + clinic, NOW, NOW.plus(Duration.ofDays(365)));

            CertificateView found = certificates.find(serial).orElseThrow();
            assertEquals(serial, found.serial());
            assertEquals(clinic, found.organisationCode());
            assertEquals("CN=上野医院,O=" + clinic, found.subjectDn());
            assertEquals(NOW.plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MICROS), found.notAfter());
            assertFalse(found.revoked());
            assertTrue(found.usableAt(NOW.plusSeconds(1)));

            Instant lost = NOW.plus(Duration.ofDays(10));
            assertTrue(certificates.revoke(serial, lost));
            assertFalse(certificates.revoke(serial, lost.plusSeconds(5)));
            CertificateView revoked = certificates.find(serial).orElseThrow();
            assertEquals(lost.truncatedTo(ChronoUnit.MICROS), revoked.revokedAt());
            assertFalse(revoked.usableAt(NOW.plus(Duration.ofDays(11))));
            assertFalse(certificates.find(BigInteger.TWO).isPresent());
            assertFalse(certificates.revoke(BigInteger.TWO, lost));
            assertEquals(1, certificates.findByOrganisation(clinic).size());
        }
    }
}
