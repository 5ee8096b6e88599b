package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.hokensho.center.ca.CertificateAuthority;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;
import org.junit.jupiter.api.Test;

/** Remembered chains skip the path validation only for the same certificate, trust store and validity period. */
class TrustedChainsTest {
    private static final CertificateAuthority CA =
            CertificateAuthority.create("CN=trusted chains test CA", Duration.ofDays(30), Clock.systemUTC());
    private final TrustedChains chains = new TrustedChains();
    private final Crypto trustStore = new Merlin();

    @Test
    void aChainIsKnownOnlyAfterItWasValidatedOnceAndOnlyForTheSameTrustStore() {
        X509Certificate[] clinic = chainOf(CA.issue("CN=clinic", Duration.ofDays(10)).certificate());
        Instant now = Instant.now();
        assertFalse(chains.known(clinic, trustStore, now), "never validated");

        chains.remember(clinic, trustStore);

        assertTrue(chains.known(clinic, trustStore, now));
        assertFalse(chains.known(clinic, new Merlin(), now), "validated against another trust store");
    }

    @Test
    void anotherCertificateIsNotKnownEvenWithTheSameSubject() {
        chains.remember(chainOf(CA.issue("CN=clinic", Duration.ofDays(10)).certificate()), trustStore);

        CertificateAuthority forger = CertificateAuthority.create("CN=trusted chains test CA", Duration.ofDays(30),
                Clock.systemUTC());
        X509Certificate[] forged = chainOf(forger.issue("CN=clinic", Duration.ofDays(10)).certificate());
        assertFalse(chains.known(forged, trustStore, Instant.now()));
    }

    @Test
    void aRememberedChainOutsideItsValidityIsNotKnown() {
        X509Certificate certificate = CA.issue("CN=clinic", Duration.ofDays(10)).certificate();
        chains.remember(chainOf(certificate), trustStore);

        assertFalse(chains.known(chainOf(certificate), trustStore, certificate.getNotAfter().toInstant()
                .plusSeconds(1)));
        assertFalse(chains.known(chainOf(certificate), trustStore, certificate.getNotBefore().toInstant()
                .minusSeconds(1)));
    }

    private static X509Certificate[] chainOf(X509Certificate certificate) {
        return new X509Certificate[] {certificate};
    }
}
