package jp.hokensho.center.identity;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.ExpiringKey;
import jp.hokensho.center.identity.store.KeyRecord;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.routes.port.KeyAdministrationRefused;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Key renewal and expiry in the certificate store, on H2 and MariaDB: the overlap shortens the old key's acceptance
 * (never lengthens it), the link is recorded with its actor, a key is renewed once even by two renewals at the same
 * moment, and the expiring keys leave out revoked, expired and renewed ones.
 */
class KeyRenewalStoreTest {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

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
        private static final Instant NOW = Instant.parse("2026-01-05T01:02:03.123456Z");
        private static final Duration OVERLAP = Duration.ofDays(14);
        private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        private CertificateStore certificates;
        private String clinic;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void aClinic() {
            certificates = new CertificateStore(database, clock);
            clinic = "K" + UUID.randomUUID().toString().substring(0, 8);
            new OrganisationRepository(database, clock).create(clinic, "上野医院", OrganisationKind.MEDICAL_INSTITUTION);
        }

        @Test
        void renewalShortensTheOldKeyToTheOverlapAndLinksBoth() {
            BigInteger old = key(NOW.plus(Duration.ofDays(300)));
            BigInteger renewed = serial();
            certificates.registerRenewal(old, renewed, "CN=" + clinic, NOW, NOW.plus(Duration.ofDays(825)),
                    NOW.plus(OVERLAP), "admin-1");

            KeyRecord oldKey = certificates.key(old).orElseThrow();
            KeyRecord newKey = certificates.key(renewed).orElseThrow();
            assertEquals(NOW.plus(OVERLAP), oldKey.certificate().notAfter());
            assertEquals(renewed, oldKey.renewedBy());
            assertEquals(old, newKey.renews());
            assertEquals("admin-1", newKey.issuedBy());
            assertEquals(KeyRecord.State.RENEWED, oldKey.stateAt(NOW, Duration.ofDays(30)));
            assertEquals(KeyRecord.State.ACTIVE, newKey.stateAt(NOW, Duration.ofDays(30)));
            assertTrue(oldKey.certificate().usableAt(NOW.plus(OVERLAP).minusSeconds(1)), "both work in the overlap");
            assertFalse(oldKey.certificate().usableAt(NOW.plus(OVERLAP).plusSeconds(1)), "the old one ends with it");
            assertEquals(List.of(old, renewed), certificates.keys(clinic).stream()
                    .map(record -> record.certificate().serial()).toList());
        }

        @Test
        void aKeyEndingBeforeTheOverlapKeepsItsOwnEnd() {
            Instant soon = NOW.plus(Duration.ofDays(3));
            BigInteger old = key(soon);
            certificates.registerRenewal(old, serial(), "CN=" + clinic, NOW, NOW.plus(Duration.ofDays(825)),
                    NOW.plus(OVERLAP), "admin-1");
            assertEquals(soon, certificates.key(old).orElseThrow().certificate().notAfter());
        }

        @Test
        void revokedExpiredOrRenewedKeysAreNotRenewedAndNothingIsWritten() {
            BigInteger revoked = key(NOW.plus(Duration.ofDays(100)));
            certificates.revoke(revoked, NOW, "admin-2");
            assertEquals("admin-2", certificates.key(revoked).orElseThrow().revokedBy());
            BigInteger expired = key(NOW.minusSeconds(1));
            BigInteger renewed = key(NOW.plus(Duration.ofDays(100)));
            certificates.registerRenewal(renewed, serial(), "CN=" + clinic, NOW, NOW.plus(Duration.ofDays(825)),
                    NOW.plus(OVERLAP), "admin-1");
            int before = certificates.keys(clinic).size();
            for (BigInteger serial : List.of(revoked, expired, renewed)) {
                KeyAdministrationRefused refused = assertThrows(KeyAdministrationRefused.class,
                        () -> certificates.registerRenewal(serial, serial(), "CN=" + clinic, NOW,
                                NOW.plus(Duration.ofDays(825)), NOW.plus(OVERLAP), "admin-1"));
                assertEquals(KeyAdministrationRefused.KEY_NOT_RENEWABLE, refused.code());
            }
            assertEquals(KeyAdministrationRefused.KEY_NOT_FOUND, assertThrows(KeyAdministrationRefused.class,
                    () -> certificates.registerRenewal(serial(), serial(), "CN=" + clinic, NOW, NOW, NOW, "a"))
                    .code());
            assertEquals(before, certificates.keys(clinic).size(), "no new key was registered");
        }

        @Test
        void twoRenewalsAtOnceRenewTheKeyOnce() throws Exception {
            BigInteger old = key(NOW.plus(Duration.ofDays(100)));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Callable<Boolean> renewal = () -> {
                        start.await();
                        try {
                            certificates.registerRenewal(old, serial(), "CN=" + clinic, NOW,
                                    NOW.plus(Duration.ofDays(825)), NOW.plus(OVERLAP), "admin-1");
                            return true;
                        } catch (KeyAdministrationRefused refused) {
                            return false;
                        }
                    };
                    outcomes.add(threads.submit(renewal));
                }
                start.countDown();
                int renewed = 0;
                for (Future<Boolean> outcome : outcomes) {
                    renewed += outcome.get() ? 1 : 0;
                }
                assertEquals(1, renewed);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(2, certificates.keys(clinic).size(), "the old key and one successor");
        }

        @Test
        void expiringKeysAreTheUsableUnrenewedOnesWithinThePeriod() {
            BigInteger soon = key(NOW.plus(Duration.ofDays(10)));
            BigInteger later = key(NOW.plus(Duration.ofDays(40)));
            BigInteger revoked = key(NOW.plus(Duration.ofDays(5)));
            certificates.revoke(revoked, NOW);
            BigInteger expired = key(NOW.minusSeconds(60));
            BigInteger renewed = key(NOW.plus(Duration.ofDays(20)));
            certificates.registerRenewal(renewed, serial(), "CN=" + clinic, NOW, NOW.plus(Duration.ofDays(825)),
                    NOW.plus(OVERLAP), "admin-1");

            List<ExpiringKey> expiring = certificates.expiringWithin(Duration.ofDays(30)).stream()
                    .filter(key -> key.organisationCode().equals(clinic)).toList();
            assertEquals(List.of(new ExpiringKey(clinic, "上野医院", soon, NOW.plus(Duration.ofDays(10)))), expiring);
            assertNull(certificates.key(later).orElseThrow().renewedBy());
            assertEquals(KeyRecord.State.EXPIRED, certificates.key(expired).orElseThrow().stateAt(NOW, OVERLAP));
        }

        private BigInteger key(Instant notAfter) {
            BigInteger serial = serial();
            certificates.register(serial, clinic, "CN=" + clinic, NOW.minus(Duration.ofDays(400)), notAfter);
            return serial;
        }

        private static BigInteger serial() {
            return BigInteger.valueOf(SERIALS.incrementAndGet());
        }
    }
}
