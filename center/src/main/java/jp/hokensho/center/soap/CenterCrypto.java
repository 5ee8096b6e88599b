package jp.hokensho.center.soap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.CryptoFactory;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * WSS4J cryptos from PKCS#12 files: a plain one (a key and a truststore, as clients use), and the center's own,
 * whose keystore holds its key(s) (signing answers and requests to insurers, decrypting requests), whose truststore
 * holds the CA, and which takes the real-time insurers' certificates from the database.
 */
public final class CenterCrypto {
    private CenterCrypto() {
    }

    public static Crypto merlin(Path keystore, String keystorePassword, String alias, Path truststore,
                                String truststorePassword) {
        try {
            return CryptoFactory.getInstance(properties(keystore, keystorePassword, alias, truststore,
                    truststorePassword));
        } catch (WSSecurityException e) {
            throw new IllegalStateException("cannot load the keystore " + keystore + " or truststore "
                    + truststore, e);
        }
    }

    /** The center's crypto: its keys and CA from files, the insurers' certificates as the database registers them. */
    public static Crypto center(Path keystore, String keystorePassword, String alias, Path truststore,
                                String truststorePassword, RegisteredInsurerCertificates insurers) {
        try {
            return new DatabaseBackedCrypto(properties(keystore, keystorePassword, alias, truststore,
                    truststorePassword), insurers);
        } catch (WSSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the center's keystore " + keystore + " or truststore "
                    + truststore, e);
        }
    }

    private static Properties properties(Path keystore, String keystorePassword, String alias, Path truststore,
                                         String truststorePassword) {
        Properties properties = new Properties();
        String prefix = "org.apache.wss4j.crypto.merlin.";
        properties.setProperty("org.apache.wss4j.crypto.provider", "org.apache.wss4j.common.crypto.Merlin");
        properties.setProperty(prefix + "keystore.type", "PKCS12");
        properties.setProperty(prefix + "keystore.file", keystore.toAbsolutePath().toString());
        properties.setProperty(prefix + "keystore.password", keystorePassword);
        properties.setProperty(prefix + "keystore.alias", alias);
        properties.setProperty(prefix + "truststore.type", "PKCS12");
        properties.setProperty(prefix + "truststore.file", truststore.toAbsolutePath().toString());
        properties.setProperty(prefix + "truststore.password", truststorePassword);
        return properties;
    }
}
