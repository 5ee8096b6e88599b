package jp.hokensho.center.organisation;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an older installation's real-time insurer certificates from the center's truststore file into the database
 * (V16): each insurer whose row names a certificate alias but holds no certificate gets the truststore's entry of
 * that alias. Runs at every start and does nothing once every insurer has its certificate; an insurer whose alias
 * the truststore lacks is logged and stays unqueryable until {@code center org change --certificate} registers one.
 */
public final class InsurerCertificateImport {
    private static final Logger LOG = LoggerFactory.getLogger(InsurerCertificateImport.class);

    private final InsurerCertificates certificates;

    public InsurerCertificateImport(InsurerCertificates certificates) {
        this.certificates = certificates;
    }

    /** @return how many certificates were moved into the database */
    public int fromTruststore(KeyStore truststore, Path file) {
        int moved = 0;
        for (Map.Entry<String, String> insurer : certificates.withoutCertificate().entrySet()) {
            X509Certificate certificate = certificateOf(truststore, insurer.getValue());
            if (certificate == null) {
                LOG.warn("insurer {} has no certificate in the database, nor under '{}' in {}: it cannot be queried"
                        + " until one is registered with: center org change --code {} --certificate FILE",
                        insurer.getKey(), insurer.getValue(), file, insurer.getKey());
                continue;
            }
            certificates.store(insurer.getKey(), certificate);
            LOG.info("moved the certificate of insurer {} ('{}' in {}) into the database; the truststore's entry is no"
                    + " longer read and may be deleted", insurer.getKey(), insurer.getValue(), file);
            moved++;
        }
        return moved;
    }

    private static X509Certificate certificateOf(KeyStore truststore, String alias) {
        try {
            return truststore.getCertificate(alias) instanceof X509Certificate x509 ? x509 : null;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("cannot read the center's truststore", e);
        }
    }
}
