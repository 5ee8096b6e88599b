package jp.hokensho.insurer;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests: the center's CA with center, insurer and clinic keys, and a foreign CA whose
 * key carries the center's very name. RSA 2048, SHA256withRSA, PKCS#12 files in a temp folder.
 */
final class TestPki {
    static final String PASSWORD = "changeit-test";
    static final String CENTER_DN = "CN=Hokensho Verification Center,O=Hokensho,C=JP";
    /** The adapter's constraint: exactly the center's DN (RFC 2253 form, as WSS4J matches it). */
    static final String CENTER_CONSTRAINT = "CN=Hokensho Verification Center,O=Hokensho,C=JP";

    record Key(String alias, Path keystore, X509Certificate certificate) {
        /** Merlin properties with this key as keystore (signing, decrypting). */
        Properties merlin(Path truststore) {
            Properties p = new Properties();
            p.put("org.apache.wss4j.crypto.provider", "org.apache.wss4j.common.crypto.Merlin");
            p.put("org.apache.wss4j.crypto.merlin.keystore.type", "PKCS12");
            p.put("org.apache.wss4j.crypto.merlin.keystore.file", keystore.toString());
            p.put("org.apache.wss4j.crypto.merlin.keystore.password", PASSWORD);
            p.put("org.apache.wss4j.crypto.merlin.keystore.alias", alias);
            p.put("org.apache.wss4j.crypto.merlin.truststore.type", "PKCS12");
            p.put("org.apache.wss4j.crypto.merlin.truststore.file", truststore.toString());
            p.put("org.apache.wss4j.crypto.merlin.truststore.password", PASSWORD);
            return p;
        }
    }

    final Key center;
    final Key insurer;
    final Key clinic;
    final Key foreignCenter;
    /** For the adapter: the center CA only. */
    final Path adapterTruststore;
    /** For the center as client: the insurer's certificate (encrypting to it) and the CA. */
    final Path centerTruststore;
    /** For a pre-stored insurer's adapter calling the registry: the CA and the center's certificate as "center". */
    final Path insurerTruststore;
    /** An impostor of the center: decrypts with the center's key but signs with the clinic's (same CA). */
    final Key impostor;
    /** Like {@link #insurerTruststore}, with the clinic's certificate too: trusting it must not make it the center. */
    final Path crowdedInsurerTruststore;
    /** The center's next key in a rollover: the same subject, a new key pair. */
    final Key centerNext;
    /** The center after a rollover's switch: decrypts with the present or the next key, signs with the next. */
    final Key centerAfterSwitch;
    /** Like {@link #insurerTruststore}, with the center's next certificate as "center-next" too. */
    final Path rolloverInsurerTruststore;

    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    TestPki(Path dir) throws Exception {
        KeyPair caKeys = rsa();
        X509Certificate ca = issue("CN=Hokensho Test CA,O=Hokensho,C=JP", caKeys, null, null, true);
        center = key(dir, "center", CENTER_DN, caKeys, ca);
        insurer = key(dir, "insurer", "CN=Insurer 00000001,O=Test Health Insurance Society,C=JP", caKeys, ca);
        clinic = key(dir, "clinic", "CN=Ueno Clinic,O=Ueno Clinic,C=JP", caKeys, ca);
        KeyPair foreignCaKeys = rsa();
        X509Certificate foreignCa = issue("CN=Foreign CA,O=Elsewhere,C=JP", foreignCaKeys, null, null, true);
        foreignCenter = key(dir, "foreign", CENTER_DN, foreignCaKeys, foreignCa);
        adapterTruststore = truststore(dir.resolve("adapter-trust.p12"), "center-ca", ca, null, null);
        centerTruststore = truststore(dir.resolve("center-trust.p12"), "center-ca", ca, "insurer", insurer.certificate());
        insurerTruststore = truststore(dir.resolve("insurer-trust.p12"), "center-ca", ca, "center", center.certificate());
        crowdedInsurerTruststore = truststore(dir.resolve("crowded-trust.p12"), "center-ca", ca, "center",
                center.certificate());
        addCertificate(crowdedInsurerTruststore, "clinic", clinic.certificate());
        impostor = new Key(clinic.alias(), both(dir.resolve("impostor.p12"), center, clinic), clinic.certificate());
        centerNext = key(dir, "center-next", CENTER_DN, caKeys, ca);
        centerAfterSwitch = new Key(centerNext.alias(), both(dir.resolve("center-after-switch.p12"), center,
                centerNext), centerNext.certificate());
        rolloverInsurerTruststore = truststore(dir.resolve("rollover-trust.p12"), "center-ca", ca, "center",
                center.certificate());
        addCertificate(rolloverInsurerTruststore, "center-next", centerNext.certificate());
    }

    private Key key(Path dir, String alias, String dn, KeyPair caKeys, X509Certificate ca) throws Exception {
        KeyPair keys = rsa();
        X509Certificate cert = issue(dn, keys, caKeys.getPrivate(), ca, false);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert, ca});
        Path file = dir.resolve(alias + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return new Key(alias, file, cert);
    }

    /** One keystore holding the private keys of both {@code a} and {@code b}, under their aliases. */
    private static Path both(Path file, Key a, Key b) throws Exception {
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, null);
        for (Key k : new Key[] {a, b}) {
            KeyStore in = KeyStore.getInstance("PKCS12");
            try (var stream = Files.newInputStream(k.keystore())) {
                in.load(stream, PASSWORD.toCharArray());
            }
            out.setKeyEntry(k.alias(), in.getKey(k.alias(), PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                    in.getCertificateChain(k.alias()));
        }
        try (OutputStream stream = Files.newOutputStream(file)) {
            out.store(stream, PASSWORD.toCharArray());
        }
        return file;
    }

    private static void addCertificate(Path file, String alias, X509Certificate cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        ks.setCertificateEntry(alias, cert);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
    }

    private static Path truststore(Path file, String alias, X509Certificate cert, String alias2, X509Certificate cert2)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry(alias, cert);
        if (alias2 != null) {
            ks.setCertificateEntry(alias2, cert2);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    private X509Certificate issue(String dn, KeyPair subject, PrivateKey issuerKey, X509Certificate issuer,
                                  boolean ca) throws Exception {
        Instant now = Instant.now();
        // Via X500Principal so the DN prints back as written (BC alone would encode the RDNs reversed).
        X500Name subjectName = X500Name.getInstance(new X500Principal(dn).getEncoded());
        X500Name issuerName = issuer == null ? subjectName : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(serial.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), subjectName, subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment));
        PrivateKey signer = issuerKey == null ? subject.getPrivate() : issuerKey;
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
