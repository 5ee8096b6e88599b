package jp.hokensho.center.audit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import jp.hokensho.center.security.CenterSigningKeys;

/**
 * Signs audit checkpoints with the center's own key (its keystore, never the database) and checks them with its
 * certificates: whoever can only write the database cannot make a checkpoint that verifies. A checkpoint names the
 * serial of the certificate that signed it, so checkpoints signed before a rollover of the center's key verify
 * under the former certificate, and later ones under the new one, as long as the keystore keeps both.
 */
public final class CheckpointSignature {
    private static final String ALGORITHM = "SHA256withRSA";

    /** Null when this instance only verifies. */
    private final Supplier<SigningKey> signingKey;
    private final Map<BigInteger, X509Certificate> certificates;

    private CheckpointSignature(Supplier<SigningKey> signingKey, Map<BigInteger, X509Certificate> certificates) {
        this.signingKey = signingKey;
        this.certificates = Map.copyOf(certificates);
    }

    /** Signs and verifies with one key (tests). */
    public static CheckpointSignature signer(PrivateKey key, X509Certificate certificate) {
        SigningKey only = new SigningKey(key, certificate);
        return new CheckpointSignature(() -> only, Map.of(certificate.getSerialNumber(), certificate));
    }

    /** Verifies only (audit-verify needs no private key, only the center's certificates). */
    public static CheckpointSignature verifier(X509Certificate... certificates) {
        Map<BigInteger, X509Certificate> bySerial = new java.util.LinkedHashMap<>();
        for (X509Certificate certificate : certificates) {
            bySerial.put(certificate.getSerialNumber(), certificate);
        }
        return new CheckpointSignature(null, bySerial);
    }

    /** The running center: signs with the key that signs now (it changes at a rollover), verifies with any of its. */
    public static CheckpointSignature of(CenterSigningKeys keys) {
        return new CheckpointSignature(() -> {
            String alias = keys.signingAlias();
            return new SigningKey(keys.privateKey(alias), keys.certificate(alias));
        }, keys.allCertificates());
    }

    /** The key that signs now; its serial goes into the signed text, so take both from the same instance. */
    SigningKey signingKey() {
        if (signingKey == null) {
            throw new IllegalStateException("no private key: this instance only verifies checkpoints");
        }
        return signingKey.get();
    }

    /** The serials of the certificates checkpoints may be signed under. */
    String knownSerials() {
        return certificates.keySet().toString();
    }

    boolean verifies(AuditCheckpoint checkpoint) {
        X509Certificate certificate;
        try {
            certificate = certificates.get(new BigInteger(checkpoint.signerSerial()));
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        return certificate != null && verifies(certificate, checkpoint.signedText(), checkpoint.signature());
    }

    private static boolean verifies(X509Certificate certificate, String text, String base64Signature) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(certificate.getPublicKey());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** One of the center's keys and its certificate. */
    record SigningKey(PrivateKey key, X509Certificate certificate) {
        String serial() {
            return certificate.getSerialNumber().toString();
        }

        String sign(String text) {
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initSign(key);
                signature.update(text.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign an audit checkpoint", e);
            }
        }
    }
}
