package jp.hokensho.center.ca;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key with its certificate and the issuing CA's certificate. */
public record IssuedKey(PrivateKey privateKey, X509Certificate certificate, X509Certificate caCertificate) {
    public BigInteger serial() {
        return certificate.getSerialNumber();
    }
}
