package jp.hokensho.insurer.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Properties;

import jp.hokensho.insurer.AdapterSettings;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.CryptoFactory;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * The adapter's WSS4J crypto: its own key (keystore) and whom it trusts (truststore), both PKCS#12.
 */
public final class AdapterCrypto {
    private AdapterCrypto() {
    }

    /** Merlin properties: the adapter's key for signing and decrypting, the truststore for the other side. */
    public static Properties merlin(AdapterSettings s) {
        Properties crypto = new Properties();
        crypto.put("org.apache.wss4j.crypto.provider", "org.apache.wss4j.common.crypto.Merlin");
        crypto.put("org.apache.wss4j.crypto.merlin.keystore.type", "PKCS12");
        crypto.put("org.apache.wss4j.crypto.merlin.keystore.file", s.keystorePath().toString());
        crypto.put("org.apache.wss4j.crypto.merlin.keystore.password", s.keystorePassword());
        crypto.put("org.apache.wss4j.crypto.merlin.keystore.alias", s.keystoreAlias());
        crypto.put("org.apache.wss4j.crypto.merlin.truststore.type", "PKCS12");
        crypto.put("org.apache.wss4j.crypto.merlin.truststore.file", s.truststorePath().toString());
        crypto.put("org.apache.wss4j.crypto.merlin.truststore.password", s.truststorePassword());
        return crypto;
    }

    /** The adapter's crypto, its keystore and truststore read once; named in the error when they cannot be read. */
    public static Crypto load(AdapterSettings s) {
        try {
            return CryptoFactory.getInstance(merlin(s));
        } catch (WSSecurityException e) {
            throw new IllegalArgumentException("cannot load the adapter's keystore " + s.keystorePath()
                    + " or truststore " + s.truststorePath() + ": " + e.getMessage(), e);
        }
    }

    /** The certificate under {@code alias} in the adapter's truststore; named in the error when it is missing. */
    public static X509Certificate trustedCertificate(AdapterSettings s, String alias) {
        try (InputStream in = Files.newInputStream(s.truststorePath())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, s.truststorePassword() == null ? null : s.truststorePassword().toCharArray());
            Certificate cert = ks.getCertificate(alias);
            if (!(cert instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("no certificate under alias '" + alias + "' in the truststore "
                        + s.truststorePath() + " (" + AdapterSettings.CENTER_CERTIFICATE_ALIAS + ")");
            }
            return x509;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the truststore " + s.truststorePath() + ": "
                    + e.getMessage(), e);
        }
    }
}
