package jp.hokensho.center.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.datakey.DataKeyFiles;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.center.organisation.OrganisationRepository;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.routes.permission.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code center init}: installs a center from nothing, from its configuration file. Migrates the database,
 * creates the CA (or takes the existing one the configuration points to), the center's signing key, its
 * truststore, the data key, the TLS key when configured, the card HMAC key when not configured, registers the
 * center and its key, and creates the first system administrator with a one-time password. Refuses, changing
 * nothing, when any of these already exists.
 */
public final class CenterInit {
    /** The center's own organisation code, as the demo registers it. */
    public static final String CENTER_CODE = "CENTER";
    public static final String CENTER_DN = "CN=verification-center,OU=CENTER,O=Hokensho Verification Center,C=JP";
    /** Written beside the center's keystore when center.log.card-hmac-key is not configured. */
    public static final String CARD_HMAC_KEY_FILE = "card-hmac-key.properties";
    private static final Logger LOG = LoggerFactory.getLogger(CenterInit.class);
    private static final String CARD_HMAC_KEY = "center.log.card-hmac-key";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CenterSettings settings;
    private final String operator;
    private final PrintStream out;
    private final Clock clock;

    public CenterInit(CenterSettings settings, String operator, PrintStream out, Clock clock) {
        this.settings = settings;
        this.operator = operator;
        this.out = out;
        this.clock = clock;
    }

    /** @return 0 when installed, 1 when refused (something exists or a setting is missing; nothing changed) */
    public int run(String adminUserId) {
        List<String> missing = missingSettings();
        if (!missing.isEmpty()) {
            return refuse("configuration not set: " + String.join(", ", missing));
        }
        List<String> existing = existingFiles();
        if (!existing.isEmpty()) {
            return refuse("these files exist already and are not overwritten: " + String.join(", ", existing));
        }
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            OrganisationRepository organisations = new OrganisationRepository(database, clock);
            if (organisations.find(CENTER_CODE).isPresent()) {
                return refuse("the database already holds the center's organisation " + CENTER_CODE
                        + " (and its administrators): it was initialised before");
            }
            CertificateAuthority ca = caOf();
            IssuedKey centerKey = ca.issue(CENTER_DN, validity());
            writeKeys(ca, centerKey);
            organisations.create(CENTER_CODE, "保険証認証センター", OrganisationKind.CENTER);
            new CertificateStore(database, clock).register(centerKey.serial(), CENTER_CODE, CENTER_DN,
                    centerKey.certificate().getNotBefore().toInstant(),
                    centerKey.certificate().getNotAfter().toInstant());
            new AdminCli(database, settings, operator, out, clock).addUser(adminUserId, CENTER_CODE,
                    Role.CENTER_SYSTEM_ADMINISTRATOR.code());
            LOG.info("center initialised by {}: CA {}, center key {}, administrator {}", operator,
                    ca.certificate().getSubjectX500Principal(), centerKey.serial(), adminUserId);
            out.println("center initialised; start it with: center serve --config FILE");
            return 0;
        }
    }

    private List<String> missingSettings() {
        List<String> names = new ArrayList<>(List.of("center.ca.keystore.path", "center.ca.keystore.password",
                "center.ca.keystore.alias", "center.keystore.path", "center.keystore.password",
                "center.keystore.alias", "center.truststore.path", "center.truststore.password", DataKeyFiles.PATH,
                DataKeyFiles.PASSWORD, DataKeyFiles.ALIAS, "center.service-account.password"));
        if (settings.getOrNull("center.tls.keystore.path") != null) {
            names.add("center.tls.keystore.password");
        }
        return names.stream().filter(name -> settings.getOrNull(name) == null).toList();
    }

    /** Every file init would write; the CA's keystore is not among them: an existing one is imported. */
    private List<String> existingFiles() {
        List<Path> targets = new ArrayList<>(List.of(settings.getPath("center.keystore.path"),
                settings.getPath("center.truststore.path"), settings.getPath(DataKeyFiles.PATH),
                certificateFile("center.crt.pem"), certificateFile("ca.crt.pem")));
        if (settings.getOrNull("center.tls.keystore.path") != null) {
            targets.add(settings.getPath("center.tls.keystore.path"));
        }
        if (settings.getOrNull(CARD_HMAC_KEY) == null) {
            targets.add(cardHmacKeyFile());
        }
        return targets.stream().filter(Files::exists).map(Path::toString).toList();
    }

    private CertificateAuthority caOf() {
        Path file = settings.getPath("center.ca.keystore.path");
        char[] password = settings.get("center.ca.keystore.password").toCharArray();
        String alias = settings.get("center.ca.keystore.alias");
        if (Files.exists(file)) {
            out.println("using the existing CA in " + file);
            return KeyStoreFiles.readCa(file, alias, password, clock);
        }
        CertificateAuthority ca = CertificateAuthority.create("CN=Hokensho Verification Center CA,O=Hokensho,C=JP",
                CA_VALIDITY, clock);
        KeyStoreFiles.writeCa(file, alias, ca, password);
        out.println("created the CA in " + file);
        return ca;
    }

    private void writeKeys(CertificateAuthority ca, IssuedKey centerKey) {
        KeyStoreFiles.writeKey(settings.getPath("center.keystore.path"), settings.get("center.keystore.alias"),
                centerKey, settings.get("center.keystore.password").toCharArray());
        Map<String, java.security.cert.X509Certificate> trusted = new LinkedHashMap<>();
        trusted.put(settings.get("center.ca.keystore.alias"), ca.certificate());
        KeyStoreFiles.writeTrusted(settings.getPath("center.truststore.path"), trusted,
                settings.get("center.truststore.password").toCharArray());
        DataKeyFiles.createKeystore(settings.getPath(DataKeyFiles.PATH), settings.get(DataKeyFiles.ALIAS),
                settings.get(DataKeyFiles.PASSWORD).toCharArray());
        out.println("created the center's key " + centerKey.serial() + " in " + settings.getPath("center.keystore.path")
                + ", its truststore and the data key " + settings.getPath(DataKeyFiles.PATH));
        if (settings.getOrNull("center.tls.keystore.path") != null) {
            IssuedKey tls = ca.issueServer("CN=" + settings.get("center.http.host") + ",O=Hokensho Verification Center,C=JP",
                    validity(), settings.get("center.http.host"));
            KeyStoreFiles.writeKey(settings.getPath("center.tls.keystore.path"), "tls", tls,
                    settings.get("center.tls.keystore.password").toCharArray());
            out.println("created the TLS key for " + settings.get("center.http.host") + " in "
                    + settings.getPath("center.tls.keystore.path"));
        }
        Pem.write(certificateFile("center.crt.pem"), centerKey.certificate());
        Pem.write(certificateFile("ca.crt.pem"), ca.certificate());
        out.println("public certificates for clients and insurer adapters (their truststores): "
                + certificateFile("center.crt.pem") + ", " + certificateFile("ca.crt.pem"));
        if (settings.getOrNull(CARD_HMAC_KEY) == null) {
            writeCardHmacKey();
        }
    }

    /** The secret is written to a file only its owner reads, never printed: the operator moves it into place. */
    private void writeCardHmacKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Path file = cardHmacKeyFile();
        String line = CARD_HMAC_KEY + "=" + Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
        out.println("generated the card HMAC key into " + file + ": add its line to the center's configuration (or"
                + " set CENTER_LOG_CARD_HMAC_KEY) and give the same key to the insurer adapters"
                + " (adapter.log.card-hmac-key)");
    }

    private Path cardHmacKeyFile() {
        return settings.getPath("center.keystore.path").getParent().resolve(CARD_HMAC_KEY_FILE);
    }

    private Path certificateFile(String name) {
        return settings.getPath("center.keystore.path").getParent().resolve(name);
    }

    private Duration validity() {
        return Duration.ofDays(settings.getInt("center.ca.key-validity-days"));
    }

    private int refuse(String reason) {
        LOG.warn("center init refused: {}", reason);
        out.println("init refused, nothing changed: " + reason);
        return 1;
    }
}
