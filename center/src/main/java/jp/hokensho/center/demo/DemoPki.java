package jp.hokensho.center.demo;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.datakey.DataKeyFiles;

/**
 * The demo's keys, made with the center's CA: the CA itself, the center's key, the real-time insurer's key
 * and the demo clinic's PKCS#12 "USB key", plus the truststores each party needs; and the center's data key.
 */
public final class DemoPki {
    public static final String CENTER_DN = "CN=verification-center,OU=CENTER,O=Hokensho Verification Center,C=JP";
    public static final String CENTER_ALIAS = "center";
    public static final String CA_ALIAS = "center-ca";
    public static final String DATA_KEY_ALIAS = "data-key-1";
    private static final Duration KEY_VALIDITY = Duration.ofDays(825);

    private final Path dir;
    private final DemoSecrets secrets;
    private final Clock clock;

    public DemoPki(Path dir, DemoSecrets secrets, Clock clock) {
        this.dir = dir;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Path caFile() {
        return dir.resolve("ca.p12");
    }

    public Path centerKeystore() {
        return dir.resolve("center.p12");
    }

    public Path centerTruststore() {
        return dir.resolve("center-truststore.p12");
    }

    /** The AES key that seals batch card data at rest (a PKCS#12 secret-key entry, not in the database). */
    public Path dataKeystore() {
        return dir.resolve("data-key.p12");
    }

    public Path keystoreOf(String organisationCode) {
        return dir.resolve("org-" + organisationCode + ".p12");
    }

    public Path truststoreOf(String organisationCode) {
        return dir.resolve("org-" + organisationCode + "-truststore.p12");
    }

    public static String aliasOf(String organisationCode) {
        return "org-" + organisationCode;
    }

    public static String subjectOf(String organisationCode, String kind) {
        return "CN=" + aliasOf(organisationCode) + ",OU=" + kind + ",O=Hokensho Verification Center,C=JP";
    }

    public CertificateAuthority createCa() {
        CertificateAuthority ca = CertificateAuthority.create("CN=Hokensho Verification Center CA,O=Hokensho,C=JP",
                Duration.ofDays(3650), clock);
        KeyStoreFiles.writeCa(caFile(), CA_ALIAS, ca, secrets.password("ca"));
        return ca;
    }

    public IssuedKey issueCenterKey(CertificateAuthority ca) {
        IssuedKey key = ca.issue(CENTER_DN, KEY_VALIDITY);
        KeyStoreFiles.writeKey(centerKeystore(), CENTER_ALIAS, key, secrets.password("center-keystore"));
        return key;
    }

    public void createDataKey() {
        DataKeyFiles.createKeystore(dataKeystore(), DATA_KEY_ALIAS, secrets.password("data-key"));
    }

    /** An organisation's key, and its truststore holding the center's certificate and the CA. */
    public IssuedKey issueOrganisationKey(CertificateAuthority ca, String organisationCode, String kind,
                                          X509Certificate centerCertificate) {
        IssuedKey key = ca.issue(subjectOf(organisationCode, kind), KEY_VALIDITY);
        KeyStoreFiles.writeKey(keystoreOf(organisationCode), aliasOf(organisationCode), key,
                secrets.password(aliasOf(organisationCode)));
        Map<String, X509Certificate> trusted = new LinkedHashMap<>();
        trusted.put(CENTER_ALIAS, centerCertificate);
        trusted.put(CA_ALIAS, ca.certificate());
        KeyStoreFiles.writeTrusted(truststoreOf(organisationCode), trusted, secrets.password("truststore"));
        return key;
    }

    /**
     * The center trusts its CA, and nothing else from a file: the real-time insurers' certificates are part of their
     * registration in the database.
     */
    public void writeCenterTruststore(CertificateAuthority ca) {
        Map<String, X509Certificate> trusted = new LinkedHashMap<>();
        trusted.put(CA_ALIAS, ca.certificate());
        KeyStoreFiles.writeTrusted(centerTruststore(), trusted, secrets.password("center-truststore"));
    }
}
