package jp.hokensho.center.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import jp.hokensho.center.ca.KeyStoreFiles;

/**
 * Signs audit checkpoints with the center's own key (its keystore, never the database) and checks them with its
 * certificate: whoever can only write the database cannot make a checkpoint that verifies.
 */
public final class CheckpointSignature {
    private static final String ALGORITHM = "SHA256withRSA";

    private final PrivateKey key;
    private final X509Certificate certificate;

    private CheckpointSignature(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Signs and verifies (the running center). */
    public static CheckpointSignature signer(PrivateKey key, X509Certificate certificate) {
        return new CheckpointSignature(key, certificate);
    }

    /** Verifies only (audit-verify needs no private key, only the center's certificate). */
    public static CheckpointSignature verifier(X509Certificate certificate) {
        return new CheckpointSignature(null, certificate);
    }

    /** The center's key and certificate from its PKCS#12 keystore. */
    public static CheckpointSignature fromKeystore(Path keystore, char[] password, String alias) {
        var store = KeyStoreFiles.read(keystore, password);
        try {
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            if (certificate == null) {
                throw new IllegalStateException("the keystore " + keystore + " has no entry '" + alias + "'");
            }
            return new CheckpointSignature((PrivateKey) store.getKey(alias, password), certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the center's key '" + alias + "' from " + keystore, e);
        }
    }

    String signerSerial() {
        return certificate.getSerialNumber().toString();
    }

    String sign(String text) {
        if (key == null) {
            throw new IllegalStateException("no private key: this instance only verifies checkpoints");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    boolean verifies(String text, String base64Signature) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(certificate.getPublicKey());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    boolean verifies(AuditCheckpoint checkpoint) {
        return signerSerial().equals(checkpoint.signerSerial())
                && verifies(checkpoint.signedText(), checkpoint.signature());
    }
}
