package jp.hokensho.center.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.datakey.DataKeyFiles;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out a complete demo in one folder: keys, the center's seeded database, and the configuration of the
 * center ({@code center.properties}), the real-time insurer adapter ({@code adapter.properties}) and the demo
 * clinic ({@code client.properties}, for any WS-Security client). Made once; later runs reuse it.
 */
public final class DemoEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEnvironment.class);
    private static final String MARKER = "center.properties";

    private final DemoOptions options;
    private final DemoSecrets secrets;
    private final DemoPki pki;
    private final Clock clock;

    public DemoEnvironment(DemoOptions options, Clock clock) {
        this.options = options;
        this.secrets = new DemoSecrets(options.dir());
        this.pki = new DemoPki(options.dir(), secrets, clock);
        this.clock = clock;
    }

    public Path dir() {
        return options.dir();
    }

    public Path centerProperties() {
        return options.dir().resolve(MARKER);
    }

    public Path adapterProperties() {
        return options.dir().resolve("adapter.properties");
    }

    public Path clientProperties() {
        return options.dir().resolve("client.properties");
    }

    /** Like {@link #clientProperties()}, for the pre-stored insurer's manager calling the CardRegistryService. */
    public Path registryClientProperties() {
        return options.dir().resolve("registry-client.properties");
    }

    public String secret(String name) {
        return secrets.text(name);
    }

    /** Creates everything on the first run; on later runs keeps keys, data and passwords as they are. */
    public DemoEnvironment prepare() {
        if (Files.exists(centerProperties())) {
            LOG.info("reusing the demo in {}", options.dir());
            addDataKeyIfMissing();
            return this;
        }
        LOG.info("creating the demo in {}", options.dir());
        CertificateAuthority ca = pki.createCa();
        IssuedKey center = pki.issueCenterKey(ca);
        X509Certificate centerCertificate = center.certificate();
        IssuedKey clinic = pki.issueOrganisationKey(ca, DemoSeed.CLINIC, "MEDICAL_INSTITUTION", centerCertificate);
        IssuedKey insurer = pki.issueOrganisationKey(ca, DemoSeed.REAL_TIME_INSURER, "INSURER", centerCertificate);
        IssuedKey preStored = pki.issueOrganisationKey(ca, DemoCards.PRE_STORED_INSURER, "INSURER", centerCertificate);
        IssuedKey centerStaff = pki.issueOrganisationKey(ca, DemoSeed.CENTER, "CENTER", centerCertificate);
        // The CA only: the real-time insurer's certificate is registered with it in the database (seed).
        pki.writeCenterTruststore(ca);
        pki.createDataKey();
        write(centerProperties(), centerSettings());
        write(adapterProperties(), adapterSettings());
        write(clientProperties(), clientSettings());
        write(registryClientProperties(), registryClientSettings());
        write(consoleClientProperties(), consoleClientSettings());
        seed(center, clinic, insurer, preStored);
        seedCenterStaff(centerStaff);
        return this;
    }

    private void seed(IssuedKey center, IssuedKey clinic, IssuedKey insurer, IssuedKey preStored) {
        PasswordHasher hasher = new PasswordHasher(options.pbkdf2Iterations());
        try (Database database = Database.open(options.centerDatabase())) {
            DemoSeed seed = new DemoSeed(database, hasher, clock);
            seed.organisations();
            seed.key(DemoSeed.CENTER, center);
            seed.key(DemoSeed.CLINIC, clinic);
            seed.key(DemoSeed.REAL_TIME_INSURER, insurer);
            seed.key(DemoCards.PRE_STORED_INSURER, preStored);
            seed.user(DemoSeed.INSURER_MANAGER, DemoCards.PRE_STORED_INSURER, "INSURER:BUSINESS_MANAGER",
                    secrets.text("user." + DemoSeed.INSURER_MANAGER));
            seed.user(DemoSeed.CLINIC_MANAGER, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:BUSINESS_MANAGER",
                    secrets.text("user." + DemoSeed.CLINIC_MANAGER));
            seed.user(DemoSeed.CLINIC_STAFF, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:STAFF",
                    secrets.text("user." + DemoSeed.CLINIC_STAFF));
            seed.user(DemoSeed.CLINIC_HIS, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:STAFF",
                    secrets.text("user." + DemoSeed.CLINIC_HIS));
            writeOwnerOnly(hisPasswordFile(), secrets.text("user." + DemoSeed.CLINIC_HIS));
            seed.insurers(adapterAddress(), Duration.ofMillis(options.insurerTimeoutMillis()), insurer.certificate());
        }
    }

    /** The folder exchange's password file of the clinic's integration account (only its owner may read it). */
    public Path hisPasswordFile() {
        return options.dir().resolve("his-password");
    }

    /** The folder exchange's folders in the demo: {@code his-exchange/req}, {@code res}, {@code err}, {@code done}. */
    public Path hisExchangeDir() {
        return options.dir().resolve("his-exchange");
    }

    private static void writeOwnerOnly(Path file, String text) {
        try {
            Files.writeString(file, text + "\n", java.nio.charset.StandardCharsets.UTF_8);
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** The center's staff key and its three people: the console's users (AdminService). */
    private void seedCenterStaff(IssuedKey centerStaff) {
        PasswordHasher hasher = new PasswordHasher(options.pbkdf2Iterations());
        try (Database database = Database.open(options.centerDatabase())) {
            DemoSeed seed = new DemoSeed(database, hasher, clock);
            seed.key(DemoSeed.CENTER, centerStaff);
            seed.user(DemoSeed.CENTER_ADMINISTRATOR, DemoSeed.CENTER, "CENTER:SYSTEM_ADMINISTRATOR",
                    secrets.text("user." + DemoSeed.CENTER_ADMINISTRATOR));
            seed.user(DemoSeed.CENTER_OPERATIONS_MANAGER, DemoSeed.CENTER, "CENTER:OPERATIONS_MANAGER",
                    secrets.text("user." + DemoSeed.CENTER_OPERATIONS_MANAGER));
            seed.user(DemoSeed.CENTER_MEDIA_MANAGER, DemoSeed.CENTER, "CENTER:MEDIA_MANAGER",
                    secrets.text("user." + DemoSeed.CENTER_MEDIA_MANAGER));
        }
    }

    /** Like {@link #clientProperties()}, for the center's staff: their key, the system administrator. */
    public Path consoleClientProperties() {
        return options.dir().resolve("console-client.properties");
    }

    public String adminAddress() {
        return "http://127.0.0.1:" + options.centerPort() + "/services/admin";
    }

    public String centerAddress() {
        return "http://127.0.0.1:" + options.centerPort() + "/services/eligibility";
    }

    public String registryAddress() {
        return "http://127.0.0.1:" + options.centerPort() + "/services/registry";
    }

    public String adapterAddress() {
        return "http://127.0.0.1:" + options.adapterPort() + "/services/insurer-query";
    }

    private Properties centerSettings() {
        Properties p = new Properties();
        p.setProperty("center.data-dir", options.dir().resolve("center").toString());
        p.setProperty("center.http.port", String.valueOf(options.centerPort()));
        p.setProperty("center.management.port", String.valueOf(options.managementPort()));
        DatabaseSettings db = options.centerDatabase();
        p.setProperty("center.db.url", db.jdbcUrl());
        p.setProperty("center.db.user", db.user() == null ? "" : db.user());
        p.setProperty("center.db.password", db.password() == null ? "" : db.password());
        p.setProperty("center.keystore.path", pki.centerKeystore().toString());
        p.setProperty("center.keystore.password", secrets.text("center-keystore"));
        p.setProperty("center.keystore.alias", DemoPki.CENTER_ALIAS);
        p.setProperty("center.truststore.path", pki.centerTruststore().toString());
        p.setProperty("center.truststore.password", secrets.text("center-truststore"));
        p.setProperty("center.log.card-hmac-key", secrets.cardHmacKey());
        p.setProperty("center.service-account.username", "center-service");
        p.setProperty("center.service-account.password", secrets.text("service-account"));
        p.setProperty("center.password.pbkdf2-iterations", String.valueOf(options.pbkdf2Iterations()));
        p.setProperty("center.ca.keystore.path", pki.caFile().toString());
        p.setProperty("center.ca.keystore.password", secrets.text("ca"));
        p.setProperty("center.ca.keystore.alias", DemoPki.CA_ALIAS);
        p.putAll(dataKeySettings());
        return p;
    }

    private Properties dataKeySettings() {
        Properties p = new Properties();
        p.setProperty(DataKeyFiles.PATH, pki.dataKeystore().toString());
        p.setProperty(DataKeyFiles.PASSWORD, secrets.text("data-key"));
        p.setProperty(DataKeyFiles.ALIAS, DemoPki.DATA_KEY_ALIAS);
        return p;
    }

    /** A demo folder made before batch data was sealed gets its data key, so the center starts on it. */
    private void addDataKeyIfMissing() {
        Properties center = new Properties();
        try (Reader reader = Files.newBufferedReader(centerProperties(), StandardCharsets.UTF_8)) {
            center.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + centerProperties(), e);
        }
        if (center.getProperty(DataKeyFiles.PATH) != null) {
            return;
        }
        if (!Files.exists(pki.dataKeystore())) {
            pki.createDataKey();
        }
        center.putAll(dataKeySettings());
        write(centerProperties(), center);
        LOG.info("added the data key {} to the demo", pki.dataKeystore());
    }

    private Properties adapterSettings() {
        String alias = DemoPki.aliasOf(DemoSeed.REAL_TIME_INSURER);
        Properties p = new Properties();
        p.setProperty("adapter.insurer-numbers", DemoSeed.REAL_TIME_INSURER);
        p.setProperty("adapter.http.port", String.valueOf(options.adapterPort()));
        p.setProperty("adapter.data-dir", options.dir().resolve("insurer-" + DemoSeed.REAL_TIME_INSURER).toString());
        p.setProperty("adapter.keystore.path", pki.keystoreOf(DemoSeed.REAL_TIME_INSURER).toString());
        p.setProperty("adapter.keystore.password", secrets.text(alias));
        p.setProperty("adapter.keystore.alias", alias);
        p.setProperty("adapter.truststore.path", pki.truststoreOf(DemoSeed.REAL_TIME_INSURER).toString());
        p.setProperty("adapter.truststore.password", secrets.text("truststore"));
        p.setProperty("adapter.center.subject-constraint", java.util.regex.Pattern.quote(DemoPki.CENTER_DN));
        p.setProperty("adapter.center.username", "center-service");
        p.setProperty("adapter.center.password-hash",
                new PasswordHasher(options.pbkdf2Iterations()).hash(secrets.text("service-account")));
        // The center's key: the adapter's query log and the center's log name a card alike.
        p.setProperty("adapter.log.card-hmac-key", secrets.cardHmacKey());
        p.setProperty("adapter.demo-cards", "classpath:demo/insurer-00000001-cards.csv");
        // 00000001 is the source document's example insurer number; it fails the insurer-number check digit.
        p.setProperty("adapter.check-digit-required", "false");
        return p;
    }

    private Properties clientSettings() {
        Properties p = new Properties();
        p.setProperty("endpoint", centerAddress());
        p.setProperty("wsdl", centerAddress() + "?wsdl");
        p.setProperty("keystore", pki.keystoreOf(DemoSeed.CLINIC).toAbsolutePath().toString());
        p.setProperty("keystorePassword", secrets.text(DemoPki.aliasOf(DemoSeed.CLINIC)));
        p.setProperty("keyAlias", DemoPki.aliasOf(DemoSeed.CLINIC));
        p.setProperty("truststore", pki.truststoreOf(DemoSeed.CLINIC).toAbsolutePath().toString());
        p.setProperty("truststorePassword", secrets.text("truststore"));
        p.setProperty("serverAlias", DemoPki.CENTER_ALIAS);
        p.setProperty("username", DemoSeed.CLINIC_MANAGER);
        p.setProperty("password", secrets.text("user." + DemoSeed.CLINIC_MANAGER));
        return p;
    }

    /** The keys of {@code client.properties}, for the pre-stored insurer's business manager and its own key. */
    private Properties registryClientSettings() {
        String alias = DemoPki.aliasOf(DemoCards.PRE_STORED_INSURER);
        Properties p = clientSettings();
        p.setProperty("endpoint", registryAddress());
        p.setProperty("wsdl", registryAddress() + "?wsdl");
        p.setProperty("keystore", pki.keystoreOf(DemoCards.PRE_STORED_INSURER).toAbsolutePath().toString());
        p.setProperty("keystorePassword", secrets.text(alias));
        p.setProperty("keyAlias", alias);
        p.setProperty("truststore", pki.truststoreOf(DemoCards.PRE_STORED_INSURER).toAbsolutePath().toString());
        p.setProperty("username", DemoSeed.INSURER_MANAGER);
        p.setProperty("password", secrets.text("user." + DemoSeed.INSURER_MANAGER));
        return p;
    }

    private Properties consoleClientSettings() {
        String alias = DemoPki.aliasOf(DemoSeed.CENTER);
        Properties p = clientSettings();
        p.setProperty("endpoint", adminAddress());
        p.setProperty("wsdl", adminAddress() + "?wsdl");
        p.setProperty("keystore", pki.keystoreOf(DemoSeed.CENTER).toAbsolutePath().toString());
        p.setProperty("keystorePassword", secrets.text(alias));
        p.setProperty("keyAlias", alias);
        p.setProperty("truststore", pki.truststoreOf(DemoSeed.CENTER).toAbsolutePath().toString());
        p.setProperty("username", DemoSeed.CENTER_ADMINISTRATOR);
        p.setProperty("password", secrets.text("user." + DemoSeed.CENTER_ADMINISTRATOR));
        return p;
    }

    private static void write(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "generated by the verification center demo; local secrets, never commit");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
