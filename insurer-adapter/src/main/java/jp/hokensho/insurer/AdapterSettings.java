package jp.hokensho.insurer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.CardKeys;

/**
 * The adapter's configuration: a properties file overlaid by environment variables and system properties.
 */
public final class AdapterSettings {
    public static final String INSURER_NUMBERS = "adapter.insurer-numbers";
    public static final String HTTP_HOST = "adapter.http.host";
    public static final String HTTP_PORT = "adapter.http.port";
    public static final String HTTP_PATH = "adapter.http.path";
    /** HTTPS (TLS 1.2/1.3) key of the queryCard endpoint (PKCS#12, issued by the center's CA); empty = plain HTTP. */
    public static final String TLS_KEYSTORE_PATH = "adapter.tls.keystore.path";
    public static final String TLS_KEYSTORE_PASSWORD = "adapter.tls.keystore.password";
    public static final String DATA_DIR = "adapter.data-dir";
    public static final String DB_URL = "adapter.db.url";
    public static final String DB_USER = "adapter.db.user";
    public static final String DB_PASSWORD = "adapter.db.password";
    public static final String DB_POOL_SIZE = "adapter.db.pool-size";
    public static final String KEYSTORE_PATH = "adapter.keystore.path";
    public static final String KEYSTORE_PASSWORD = "adapter.keystore.password";
    public static final String KEYSTORE_ALIAS = "adapter.keystore.alias";
    public static final String KEY_PASSWORD = "adapter.keystore.key-password";
    public static final String TRUSTSTORE_PATH = "adapter.truststore.path";
    public static final String TRUSTSTORE_PASSWORD = "adapter.truststore.password";
    public static final String CENTER_SUBJECT_CONSTRAINT = "adapter.center.subject-constraint";
    public static final String CENTER_USERNAME = "adapter.center.username";
    public static final String CENTER_PASSWORD_HASH = "adapter.center.password-hash";
    public static final String CENTER_PASSWORD_CACHE_SECONDS = "adapter.center.password-cache-seconds";
    public static final String DEMO_CARDS = "adapter.demo-cards";
    public static final String MAX_REQUEST_BYTES = "adapter.limits.max-request-bytes";
    public static final String MAX_ELEMENT_DEPTH = "adapter.limits.max-element-depth";
    public static final String MODE = "adapter.mode";
    public static final String CHECK_DIGIT_REQUIRED = "adapter.check-digit-required";
    public static final String REGISTRY_URL = "adapter.center.registry-url";
    public static final String CENTER_CERTIFICATE_ALIAS = "adapter.center.certificate-alias";
    /** During a rollover of the center's key: its next certificate in the truststore, accepted as the center's too. */
    public static final String CENTER_NEXT_CERTIFICATE_ALIAS = "adapter.center.next-certificate-alias";
    public static final String REGISTRY_USERNAME = "adapter.registry.username";
    public static final String REGISTRY_PASSWORD = "adapter.registry.password";
    public static final String SYNC_INTERVAL_SECONDS = "adapter.sync.interval-seconds";
    public static final String SYNC_CHUNK_SIZE = "adapter.sync.chunk-size";
    public static final String SYNC_TIMEOUT_SECONDS = "adapter.sync.timeout-seconds";
    public static final String USERS_PASSWORD_ITERATIONS = "adapter.users.password-iterations";
    public static final String USERS_LOCKOUT_FAILURES = "adapter.users.lockout-failures";
    public static final String USERS_LOCKOUT_MINUTES = "adapter.users.lockout-minutes";
    /** Secret (base64, at least 32 bytes) naming cards in logs by an HMAC instead of their symbol and number. */
    public static final String LOG_CARD_HMAC_KEY = "adapter.log.card-hmac-key";

    /** Every key the adapter reads; the environment variable of a key is {@link #envName(String)}. */
    public static final List<String> KEYS = List.of(INSURER_NUMBERS, HTTP_HOST, HTTP_PORT, HTTP_PATH,
            TLS_KEYSTORE_PATH, TLS_KEYSTORE_PASSWORD, DATA_DIR,
            DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, KEYSTORE_PATH, KEYSTORE_PASSWORD, KEYSTORE_ALIAS,
            KEY_PASSWORD, TRUSTSTORE_PATH, TRUSTSTORE_PASSWORD, CENTER_SUBJECT_CONSTRAINT, CENTER_USERNAME,
            CENTER_PASSWORD_HASH, CENTER_PASSWORD_CACHE_SECONDS, DEMO_CARDS, MAX_REQUEST_BYTES, MAX_ELEMENT_DEPTH,
            MODE, CHECK_DIGIT_REQUIRED, REGISTRY_URL, CENTER_CERTIFICATE_ALIAS, CENTER_NEXT_CERTIFICATE_ALIAS, REGISTRY_USERNAME, REGISTRY_PASSWORD,
            SYNC_INTERVAL_SECONDS, SYNC_CHUNK_SIZE, SYNC_TIMEOUT_SECONDS, USERS_PASSWORD_ITERATIONS,
            USERS_LOCKOUT_FAILURES, USERS_LOCKOUT_MINUTES, LOG_CARD_HMAC_KEY);

    private static final List<String> REQUIRED = List.of(INSURER_NUMBERS, KEYSTORE_PATH, KEYSTORE_PASSWORD,
            KEYSTORE_ALIAS, TRUSTSTORE_PATH, TRUSTSTORE_PASSWORD);
    /** A real-time insurer is called by the center: it checks the center's key and service account. */
    private static final List<String> REQUIRED_REAL_TIME = List.of(CENTER_SUBJECT_CONSTRAINT, CENTER_USERNAME,
            CENTER_PASSWORD_HASH);
    /** A pre-stored insurer calls the center's registry as one of its own users. */
    private static final List<String> REQUIRED_PRE_STORED = List.of(REGISTRY_URL, REGISTRY_USERNAME,
            REGISTRY_PASSWORD);

    /** How the center reaches this insurer's cards. */
    public enum Mode {
        /** The center asks this adapter's queryCard endpoint live for each verification. */
        REAL_TIME,
        /** This adapter pushes its cards to the center's card registry; the center answers from its store. */
        PRE_STORED
    }

    private final Properties values;
    // Relative paths in a file are meant relative to that file, so a config folder can be moved as a whole.
    private final Path baseDir;

    private AdapterSettings(Properties values, Path baseDir) {
        this.values = values;
        this.baseDir = baseDir;
        List<String> required = new ArrayList<>(REQUIRED);
        required.addAll(mode() == Mode.REAL_TIME ? REQUIRED_REAL_TIME : REQUIRED_PRE_STORED);
        List<String> missing = required.stream().filter(k -> get(k).isEmpty()).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing adapter settings: " + missing);
        }
        if (insurerNumbers().isEmpty()) {
            throw new IllegalArgumentException(INSURER_NUMBERS + " names no insurer");
        }
    }

    /** The file, then environment variables (INSURER_ADAPTER_...), then system properties (same keys). */
    public static AdapterSettings load(Path file) throws IOException {
        Properties fromFile = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fromFile.load(in);
        }
        Path base = file.toAbsolutePath().getParent();
        return new AdapterSettings(overlay(fromFile, System.getenv(), System.getProperties()), base);
    }

    /** Exactly these values (embedding and tests); relative paths resolve against the working directory. */
    public static AdapterSettings of(Properties values) {
        Properties copy = new Properties();
        copy.putAll(values);
        return new AdapterSettings(copy, Path.of("").toAbsolutePath());
    }

    static Properties overlay(Properties file, Map<String, String> env, Properties system) {
        Properties merged = new Properties();
        merged.putAll(file);
        for (String key : KEYS) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                merged.setProperty(key, fromEnv);
            }
            String fromSystem = system.getProperty(key);
            if (fromSystem != null) {
                merged.setProperty(key, fromSystem);
            }
        }
        return merged;
    }

    /** {@code adapter.http.port} → {@code INSURER_ADAPTER_HTTP_PORT}. */
    public static String envName(String key) {
        return "INSURER_ADAPTER_" + key.substring("adapter.".length()).replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    public Set<String> insurerNumbers() {
        return Arrays.stream(get(INSURER_NUMBERS).orElse("").split(","))
                .map(CardKeys::normalise).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public Mode mode() {
        String v = get(MODE).orElse(Mode.REAL_TIME.name()).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Mode.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE + " must be REAL_TIME or PRE_STORED, got '" + v + "'", e);
        }
    }

    /** Whether imported insurer numbers must pass the check digit; the demo's 00000001 needs false. */
    public boolean checkDigitRequired() {
        String v = get(CHECK_DIGIT_REQUIRED).orElse("true");
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(CHECK_DIGIT_REQUIRED + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A setting as configured (trimmed), empty when unset or blank; for the feature settings (e.g. sync). */
    public Optional<String> value(String key) {
        return get(key);
    }

    /** A secret as configured (not trimmed), or null. */
    public String secret(String key) {
        return values.getProperty(key);
    }

    public String httpHost() { return get(HTTP_HOST).orElse("127.0.0.1"); }
    public int httpPort() { return Integer.parseInt(get(HTTP_PORT).orElse("0")); }
    public String httpPath() { return get(HTTP_PATH).orElse("/services/insurer-query"); }
    public Path dataDir() { return path(get(DATA_DIR).orElse("data/insurer-adapter")); }

    /** The queryCard endpoint's TLS key, when it serves HTTPS. */
    public Optional<Path> tlsKeystorePath() { return get(TLS_KEYSTORE_PATH).map(this::path); }
    public String tlsKeystorePassword() { return values.getProperty(TLS_KEYSTORE_PASSWORD, ""); }

    public String dbUrl() {
        return get(DB_URL).orElseGet(() -> "jdbc:h2:file:" + dataDir().resolve("insurer-adapter")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    }

    public String dbUser() { return get(DB_USER).orElse("sa"); }
    public String dbPassword() { return values.getProperty(DB_PASSWORD, ""); }
    public int dbPoolSize() { return Integer.parseInt(get(DB_POOL_SIZE).orElse("5")); }
    public Path keystorePath() { return path(get(KEYSTORE_PATH).orElseThrow()); }
    public String keystorePassword() { return values.getProperty(KEYSTORE_PASSWORD); }
    public String keystoreAlias() { return get(KEYSTORE_ALIAS).orElseThrow(); }
    public String keyPassword() { return values.getProperty(KEY_PASSWORD, keystorePassword()); }
    public Path truststorePath() { return path(get(TRUSTSTORE_PATH).orElseThrow()); }
    public String truststorePassword() { return values.getProperty(TRUSTSTORE_PASSWORD); }
    public String centerSubjectConstraint() { return get(CENTER_SUBJECT_CONSTRAINT).orElseThrow(); }
    public String centerUsername() { return get(CENTER_USERNAME).orElseThrow(); }
    public String centerPasswordHash() { return get(CENTER_PASSWORD_HASH).orElseThrow(); }
    public int centerPasswordCacheSeconds() { return Integer.parseInt(get(CENTER_PASSWORD_CACHE_SECONDS).orElse("300")); }
    public long maxRequestBytes() { return Long.parseLong(get(MAX_REQUEST_BYTES).orElse("1048576")); }
    public int maxElementDepth() { return Integer.parseInt(get(MAX_ELEMENT_DEPTH).orElse("64")); }

    /** Names cards in the query log; required where queries are served, refused when missing or short. */
    public CardKeyHmac cardKeyHmac() {
        return CardKeyHmac.fromBase64(secret(LOG_CARD_HMAC_KEY), LOG_CARD_HMAC_KEY);
    }

    /** A CSV to load at start: {@code classpath:...} or a file path (relative to the config file). */
    public Optional<String> demoCards() {
        return get(DEMO_CARDS).map(v -> v.startsWith("classpath:") ? v : path(v).toString());
    }

    private Optional<String> get(String key) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private Path path(String value) {
        return baseDir.resolve(value).normalize();
    }

    @Override
    public String toString() {
        // Never print secrets: only the keys whose names do not say password, hash or key.
        List<String> shown = new ArrayList<>();
        for (String key : KEYS) {
            if (!key.contains("password") && !key.endsWith("-key") && values.getProperty(key) != null) {
                shown.add(key + "=" + values.getProperty(key));
            }
        }
        return "AdapterSettings" + shown;
    }
}
