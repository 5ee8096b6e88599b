package jp.hokensho.center.soap;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Properties;
import org.apache.wss4j.common.crypto.CryptoType;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * The center's crypto: its own keys from its keystore, the CA from its truststore, and the real-time insurers'
 * certificates from the database ({@link RegisteredInsurerCertificates}). An insurer's certificate is found first
 * among the registered ones, whether WSS4J asks by alias (encrypting a request to it) or by issuer and serial (the
 * reference in the insurer's signed answer); trust in it is still checked against the CA of the truststore.
 */
final class DatabaseBackedCrypto extends Merlin {
    private final RegisteredInsurerCertificates insurers;

    DatabaseBackedCrypto(Properties merlin, RegisteredInsurerCertificates insurers)
            throws WSSecurityException, IOException {
        super(merlin, DatabaseBackedCrypto.class.getClassLoader(), null);
        this.insurers = insurers;
    }

    @Override
    public X509Certificate[] getX509Certificates(CryptoType type) throws WSSecurityException {
        Optional<X509Certificate> registered = insurers.matching(type, this::skiOf);
        if (registered.isPresent()) {
            return new X509Certificate[] {registered.get()};
        }
        return super.getX509Certificates(type);
    }

    private byte[] skiOf(X509Certificate certificate) {
        try {
            return getSKIBytesFromCert(certificate);
        } catch (WSSecurityException e) {
            return new byte[0];
        }
    }
}
