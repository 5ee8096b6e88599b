package jp.hokensho.center.admin;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.organisation.InsurerCertificates;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.organisation.OrganisationDetails;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code center org add | change | end | list}: medical institutions and insurers. A real-time insurer's
 * certificate is part of its registration in the database, so the center encrypts to it and accepts answers signed
 * by it only; every running node uses a new one within center.insurer.certificate-refresh-seconds, no restart.
 * Ending an organisation revokes its keys (refused from the very next request) and takes an insurer out of the
 * directory. Each action is written to the access log with the operator's name.
 */
public final class OrganisationCli {
    private static final Logger LOG = LoggerFactory.getLogger(OrganisationCli.class);

    private final Database database;
    private final CenterSettings settings;
    private final String operator;
    private final PrintStream out;
    private final Clock clock;

    public OrganisationCli(Database database, CenterSettings settings, String operator, PrintStream out,
                           Clock clock) {
        this.database = database;
        this.settings = settings;
        this.operator = operator;
        this.out = out;
        this.clock = clock;
    }

    /** What an insurer registration adds to an organisation's; null fields are left as they are on a change. */
    public record InsurerDetails(DeliveryMode mode, String endpoint, Path certificate, Duration timeout) {
    }

    public void add(String code, String name, OrganisationKind kind, String address, InsurerDetails insurer) {
        if (kind == OrganisationKind.CENTER) {
            throw new IllegalArgumentException("kind CENTER is made by center init, not by org add");
        }
        if (kind == OrganisationKind.INSURER && (insurer == null || insurer.mode() == null)) {
            throw new IllegalArgumentException("an insurer needs --delivery real-time or pre-stored");
        }
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        if (organisations.find(code).isPresent()) {
            throw new IllegalArgumentException("organisation " + code + " exists already: use org change");
        }
        if (kind == OrganisationKind.INSURER) {
            // Checked before anything is stored: a refused address leaves no half-registered organisation.
            registerInsurer(code, name, address, insurer, null);
        }
        organisations.create(code, name, kind, address);
        audit("org-add", code, code + " (" + kind + ")");
        out.println("added " + kind + " " + code + " (" + name + ")");
    }

    public void change(String code, String name, String address, InsurerDetails insurer) {
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        OrganisationDetails present = organisations.details(code)
                .orElseThrow(() -> new IllegalArgumentException("no organisation " + code));
        refuseIfEnded(present);
        if (present.kind() == OrganisationKind.INSURER) {
            InsurerEntry entry = new InsurerRegistry(database, clock).find(code)
                    .orElseThrow(() -> new IllegalStateException("insurer " + code + " has no directory entry"));
            registerInsurer(code, name != null ? name : present.name(), address != null ? address : present.address(),
                    insurer == null ? new InsurerDetails(null, null, null, null) : insurer, entry);
        } else if (insurer != null && (insurer.mode() != null || insurer.endpoint() != null
                || insurer.certificate() != null || insurer.timeout() != null)) {
            throw new IllegalArgumentException(code + " is a " + present.kind() + ": insurer options do not apply");
        }
        organisations.change(code, name, address);
        audit("org-change", code, code);
        out.println("changed " + code);
    }

    /** @return false if the organisation had already ended */
    public boolean end(String code) {
        OrganisationRepository organisations = new OrganisationRepository(database, clock);
        OrganisationDetails present = organisations.details(code)
                .orElseThrow(() -> new IllegalArgumentException("no organisation " + code));
        if (present.kind() == OrganisationKind.CENTER) {
            throw new IllegalArgumentException("the center's own organisation cannot be ended");
        }
        boolean ended = organisations.end(code);
        CertificateStore certificates = new CertificateStore(database, clock);
        int revoked = 0;
        for (CertificateView key : certificates.findByOrganisation(code)) {
            if (key.revokedAt() == null && certificates.revoke(key.serial(), clock.instant())) {
                revoked++;
            }
        }
        if (present.kind() == OrganisationKind.INSURER) {
            new InsurerRegistry(database, clock).end(code);
        }
        audit("org-end", code, code);
        out.println(ended ? "ended " + code + "; revoked " + revoked + " key(s)" : code + " had already ended");
        return ended;
    }

    public void list() {
        InsurerRegistry insurers = new InsurerRegistry(database, clock);
        out.printf("%-12s %-20s %-24s %-10s %-40s %s%n", "CODE", "KIND", "NAME", "STATUS", "ADDRESS", "INSURER");
        for (OrganisationDetails organisation : new OrganisationRepository(database, clock).allDetails()) {
            String insurer = organisation.kind() != OrganisationKind.INSURER ? "" : insurers.find(organisation.code())
                    .map(entry -> entry.mode() + (entry.mode() == DeliveryMode.REAL_TIME ? " " + entry.endpointAddress()
                            + " timeout " + entry.timeout().toMillis() + " ms" : "")).orElse("");
            out.printf("%-12s %-20s %-24s %-10s %-40s %s%n", organisation.code(), organisation.kind(),
                    organisation.name(), organisation.ended() ? "ENDED" : "ACTIVE",
                    organisation.address() == null ? "" : organisation.address(), insurer);
        }
        audit("org-list", null, "all");
    }

    private void registerInsurer(String code, String name, String address, InsurerDetails details,
                                 InsurerEntry present) {
        DeliveryMode mode = details.mode() != null ? details.mode() : present.mode();
        String endpoint = details.endpoint() != null ? details.endpoint()
                : present == null ? null : present.endpointAddress();
        Duration timeout = details.timeout() != null ? details.timeout() : present != null && present.timeout() != null
                ? present.timeout() : Duration.ofMillis(settings.getInt("center.insurer.default-timeout-ms"));
        String alias = "org-" + code;
        if (mode == DeliveryMode.REAL_TIME) {
            if (endpoint == null) {
                throw new IllegalArgumentException("a real-time insurer needs --endpoint (https, or http on loopback)");
            }
            // Its key is often issued by this center (`key issue` needs the organisation first): the certificate
            // may follow with `org change`, and until then the insurer cannot be queried.
            if (details.certificate() == null && (present == null || registeredCertificate(code).isEmpty())) {
                LOG.warn("real-time insurer {} registered without a certificate", code);
                out.println("warning: insurer " + code + " has no certificate yet; it cannot be queried until one is"
                        + " given with: org change --code " + code + " --certificate FILE (PEM or DER)");
            }
        }
        X509Certificate certificate = details.certificate() == null ? null
                : issuedByTrustedCa(validNow(Pem.read(details.certificate())));
        new InsurerRegistry(database, clock).register(new InsurerEntry(code, name, address, mode,
                mode == DeliveryMode.REAL_TIME ? endpoint : null, mode == DeliveryMode.REAL_TIME ? alias : null,
                timeout));
        if (certificate != null) {
            new InsurerCertificates(database.dataSource(), clock).store(code, certificate);
            registerCertificate(code, certificate);
            out.println("registered " + certificate.getSubjectX500Principal() + " (serial "
                    + certificate.getSerialNumber() + ") as the certificate of insurer " + code + "; every node uses it"
                    + " within " + settings.getInt("center.insurer.certificate-refresh-seconds") + " s");
        }
    }

    /**
     * The center checks an insurer's answers against the CA of its truststore: a certificate no CA there issued would
     * be registered but every answer signed with it refused, so it is refused here, by name.
     */
    private X509Certificate issuedByTrustedCa(X509Certificate certificate) {
        Path file = settings.getPath("center.truststore.path");
        java.security.KeyStore truststore = jp.hokensho.center.ca.KeyStoreFiles.read(file,
                settings.get("center.truststore.password").toCharArray());
        try {
            for (String alias : java.util.Collections.list(truststore.aliases())) {
                if (truststore.getCertificate(alias) instanceof X509Certificate ca
                        && ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                        && verifiesWith(certificate, ca)) {
                    return certificate;
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException("cannot read the center's truststore " + file, e);
        }
        throw new IllegalArgumentException("the certificate " + certificate.getSubjectX500Principal() + " is issued by "
                + certificate.getIssuerX500Principal() + ", which is not a CA of the center's truststore " + file
                + ": the center would refuse every answer signed with it");
    }

    private static boolean verifiesWith(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private X509Certificate validNow(X509Certificate certificate) {
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
            return certificate;
        } catch (java.security.cert.CertificateExpiredException | java.security.cert.CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the certificate " + certificate.getSubjectX500Principal() + " (serial "
                    + certificate.getSerialNumber() + ") is not valid now: valid from " + certificate.getNotBefore()
                    + " to " + certificate.getNotAfter(), e);
        }
    }

    private java.util.Optional<X509Certificate> registeredCertificate(String code) {
        return new InsurerCertificates(database.dataSource(), clock).find(code);
    }

    /** The center's signature check accepts registered keys only; a key issued by `key issue` already is. */
    private void registerCertificate(String code, X509Certificate certificate) {
        CertificateStore certificates = new CertificateStore(database, clock);
        BigInteger serial = certificate.getSerialNumber();
        if (certificates.find(serial).isEmpty()) {
            certificates.register(serial, code, certificate.getSubjectX500Principal().getName(),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
    }

    private static void refuseIfEnded(OrganisationDetails organisation) {
        if (organisation.ended()) {
            throw new IllegalArgumentException("organisation " + organisation.code() + " has ended");
        }
    }

    private void audit(String operation, String organisationCode, String subject) {
        new AccessLog(database.dataSource(), clock).record(operator, organisationCode, null,
                "cli:" + operation + " " + subject, "OK", 0);
    }
}
