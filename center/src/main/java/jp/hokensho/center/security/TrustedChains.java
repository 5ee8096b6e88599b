package jp.hokensho.center.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.wss4j.common.crypto.Crypto;

/**
 * Certificate chains that WSS4J's path validation already found to lead to a trust anchor of a given
 * {@link Crypto}, by the SHA-256 of their encoded certificates. A path that chained once chains again while the
 * trust store is the same, so the PKIX validation (a few hundred microseconds per request) is done once per
 * certificate; the validity period is checked again on every use. Revocation is not decided here: the center's
 * database is read on every request for that (RegisteredCertificateValidator).
 */
final class TrustedChains {
    // A bound, not a working-set size: the center's callers hold a few thousand keys at most.
    private static final int MAX_REMEMBERED = 20_000;

    private record Key(Crypto trustStore, String chainDigest) {
    }

    private final Map<Key, Boolean> remembered = new ConcurrentHashMap<>();

    /** True if this exact chain was validated against {@code trustStore} before and is within its validity now. */
    boolean known(X509Certificate[] chain, Crypto trustStore, Instant now) {
        if (chain == null || chain.length == 0 || !remembered.containsKey(new Key(trustStore, digest(chain)))) {
            return false;
        }
        Date at = Date.from(now);
        try {
            for (X509Certificate certificate : chain) {
                certificate.checkValidity(at);
            }
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException outsideValidity) {
            return false;
        }
    }

    void remember(X509Certificate[] chain, Crypto trustStore) {
        if (chain == null || chain.length == 0) {
            return;
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(new Key(trustStore, digest(chain)), Boolean.TRUE);
    }

    private static String digest(X509Certificate[] chain) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (X509Certificate certificate : chain) {
                sha256.update(certificate.getEncoded());
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a certificate chain", e);
        }
    }
}
