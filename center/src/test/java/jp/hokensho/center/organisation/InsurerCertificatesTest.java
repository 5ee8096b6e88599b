package jp.hokensho.center.organisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The real-time insurers' certificates in the database (V16), on H2 and MariaDB: registered, replaced, read by alias
 * for the center's crypto (ended insurers left out), and moved in from an older installation's truststore.
 */
class InsurerCertificatesTest {

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
        private final Clock clock = Clock.fixed(Instant.parse("2026-01-05T01:02:03Z"), ZoneOffset.UTC);
        private final CertificateAuthority ca = CertificateAuthority.create("CN=Test CA", Duration.ofDays(2),
                Clock.systemUTC());

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @Test
        void registeredReplacedAndReadByAliasWithoutEndedInsurers() {
            InsurerRegistry registry = new InsurerRegistry(database, clock);
            InsurerCertificates certificates = new InsurerCertificates(database.dataSource(), clock);
            registry.register(realTime("10000011"));
            registry.register(realTime("10000029"));
            X509Certificate first = issue("CN=org-10000011");
            X509Certificate renewed = issue("CN=org-10000011");
            X509Certificate other = issue("CN=org-10000029");

            certificates.store("10000011", first);
            certificates.store("10000029", other);
            certificates.store("10000011", renewed);
            registry.register(realTime("10000011"));

            assertEquals(Optional.of(renewed), certificates.find("10000011"), "kept across a directory update");
            // The class's tests share the database: look at this test's insurers only.
            Map<String, X509Certificate> active = certificates.activeByAlias();
            assertEquals(renewed, active.get("org-10000011"));
            assertEquals(other, active.get("org-10000029"));
            registry.end("10000029");
            active = certificates.activeByAlias();
            assertEquals(renewed, active.get("org-10000011"));
            assertFalse(active.containsKey("org-10000029"), "an ended insurer is not asked");
            assertThrows(IllegalArgumentException.class, () -> certificates.store("99999999", first),
                    "an insurer not in the directory");
        }

        @Test
        void anOlderInstallationsTruststoreEntriesAreMovedIntoTheDatabase() throws Exception {
            InsurerRegistry registry = new InsurerRegistry(database, clock);
            InsurerCertificates certificates = new InsurerCertificates(database.dataSource(), clock);
            registry.register(realTime("20000018"));
            registry.register(realTime("20000026"));
            X509Certificate inTruststore = issue("CN=org-20000018");
            KeyStore truststore = KeyStore.getInstance("PKCS12");
            truststore.load(null, null);
            truststore.setCertificateEntry("ca", ca.certificate());
            truststore.setCertificateEntry("org-20000018", inTruststore);
            InsurerCertificateImport importer = new InsurerCertificateImport(certificates);

            assertEquals(1, importer.fromTruststore(truststore, Path.of("center-truststore.p12")));

            assertEquals(Optional.of(inTruststore), certificates.find("20000018"));
            assertEquals(Optional.empty(), certificates.find("20000026"), "its alias is not in the truststore");
            assertTrue(certificates.withoutCertificate().containsKey("20000026"));
            assertEquals(0, importer.fromTruststore(truststore, Path.of("center-truststore.p12")),
                    "a second start moves nothing");
        }

        private X509Certificate issue(String subject) {
            return ca.issue(subject, Duration.ofDays(1)).certificate();
        }

        private static InsurerEntry realTime(String number) {
            return new InsurerEntry(number, "保険者" + number, null, DeliveryMode.REAL_TIME,
                    "http://127.0.0.1:9/services/insurer-query", "org-" + number, Duration.ofSeconds(5));
        }
    }
}
