package jp.hokensho.center.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The center's own certificate authority. It issues each organisation its key (the source document's
 * "USB key", now a PKCS#12 file); only keys it issued are accepted, and revocation is checked against the
 * center's database on every request, not through a CRL.
 */
public final class CertificateAuthority {
    private static final int KEY_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Clock clock;

    public CertificateAuthority(KeyPair keys, X509Certificate certificate, Clock clock) {
        this.keys = keys;
        this.certificate = certificate;
        this.clock = clock;
    }

    public static CertificateAuthority create(String subjectDn, Duration validity, Clock clock) {
        KeyPair keys = newKeyPair();
        X500Name name = x500Name(subjectDn);
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, newSerial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys.getPrivate()), clock);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create the CA certificate", e);
        }
    }

    /** Issues a new RSA-2048 key and certificate for an organisation (or the center itself). */
    public IssuedKey issue(String subjectDn, Duration validity) {
        Instant now = clock.instant();
        return issue(subjectDn, now.minus(Duration.ofMinutes(5)), now.plus(validity));
    }

    /** Issues a TLS server key for the given host names and IP addresses (subject alternative names). */
    public IssuedKey issueServer(String subjectDn, Duration validity, String... hosts) {
        Instant now = clock.instant();
        GeneralName[] names = new GeneralName[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            boolean ip = hosts[i].matches("[0-9.]+|.*:.*");
            names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
        }
        return issue(subjectDn, now.minus(Duration.ofMinutes(5)), now.plus(validity), builder -> {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        });
    }

    /** Issues a key valid from {@code notBefore} to {@code notAfter}. */
    public IssuedKey issue(String subjectDn, Instant notBefore, Instant notAfter) {
        return issue(subjectDn, notBefore, notAfter, builder -> { });
    }

    private IssuedKey issue(String subjectDn, Instant notBefore, Instant notAfter, Extensions extra) {
        KeyPair subjectKeys = newKeyPair();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, newSerial(),
                    Date.from(notBefore), Date.from(notAfter), x500Name(subjectDn), subjectKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate));
            extra.addTo(builder);
            return new IssuedKey(subjectKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subjectDn, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Extensions a kind of certificate adds. */
    @FunctionalInterface
    private interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws java.io.IOException;
    }

    /**
     * Encodes the DN as the JDK does, so that {@code getSubjectX500Principal().getName()} prints it as
     * written (BouncyCastle's own string parser keeps the written order, which RFC 2253 then reverses) and
     * subject constraints such as the insurer adapter's can be written the natural way.
     */
    static X500Name x500Name(String dn) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(dn).getEncoded());
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    private static BigInteger newSerial() {
        // 127 random bits: positive, unique without coordination between center nodes.
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
