package jp.hokensho.center.soap;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.CryptoFactory;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * The center's WSS4J crypto: its own key (signing answers and requests to insurers, decrypting requests)
 * and a truststore with the center CA's certificate and the real-time insurers' certificates.
 */
public final class CenterCrypto {
    private CenterCrypto() {
    }

    public static Crypto merlin(Path keystore, String keystorePassword, String alias, Path truststore,
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
        try {
            return CryptoFactory.getInstance(properties);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("cannot load the center's keystore " + keystore + " or truststore "
                    + truststore, e);
        }
    }
}
