package jp.hokensho.portal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;

/**
 * The whole system on loopback for a browser test: the demo's keys and data, a real insurer adapter and the
 * center (in this JVM, from their main classes, on an embedded H2 database), and the portal configured only
 * from the demo's {@code client.properties}, as a clinic would configure it.
 */
final class PortalStack implements AutoCloseable {
    static final int TEST_PBKDF2_ITERATIONS = 1_000;
    // Long enough for the first call of a cold JVM on a loaded 2-core machine (a 2 s limit ran out there and turned
    // VALID into INSURER_UNAVAILABLE); no test waits for this timeout to fire: a stopped insurer refuses at once.
    private static final long INSURER_TIMEOUT_MILLIS = 10_000;

    final DemoEnvironment demo;
    final MutableClock portalClock = new MutableClock();
    private final CenterApplication center;
    private InsurerAdapter adapter;
    final PortalServer portal;
    /** The center's console: a second portal with the center staff's key (console-client.properties), or null. */
    final PortalServer console;

    private PortalStack(Path dir, Map<String, String> portalOverrides) throws IOException {
        this(dir, portalOverrides, false);
    }

    private PortalStack(Path dir, Map<String, String> portalOverrides, boolean withConsole) throws IOException {
        demo = new DemoEnvironment(new DemoOptions(dir, freePort(), freePort(),
                DatabaseSettings.h2File(dir.resolve("center-db")), TEST_PBKDF2_ITERATIONS, INSURER_TIMEOUT_MILLIS),
                Clock.systemUTC()).prepare();
        adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
        center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), Map.of()), Clock.systemUTC());
        Map<String, String> settings = portalSettings(demo, demo.centerAddress());
        settings.putAll(portalOverrides);
        portal = PortalServer.start(PortalSettings.load(null, settings), portalClock);
        console = withConsole ? PortalServer.start(PortalSettings.load(null, portalSettings(
                demo.consoleClientProperties(), demo.centerAddress())), portalClock) : null;
    }

    /** The stack with the center's console beside the clinic's portal (see {@link #consoleUrl}). */
    static PortalStack startWithConsole(Path dir) throws IOException {
        return new PortalStack(dir, Map.of(), true);
    }

    /** A page of the center's console portal. */
    String consoleUrl(String path) {
        return console.url() + path.replaceFirst("^/", "");
    }

    String centerPassword(String userId) {
        return demo.secret("user." + userId);
    }

    static PortalStack start(Path dir) throws IOException {
        return new PortalStack(dir, Map.of());
    }

    /** The stack with some of the portal's settings changed (e.g. the bulk limits). */
    static PortalStack start(Path dir, Map<String, String> portalOverrides) throws IOException {
        return new PortalStack(dir, portalOverrides);
    }

    /** How many verifications the center has recorded (each answered card is one). */
    long centerVerificationCount() throws java.sql.SQLException {
        try (var connection = center.database().dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM verification_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The operator a verification was made for ({@code onBehalfOf}), as the center recorded it, or null. */
    String recordedOnBehalfOf(String verificationNumber) throws java.sql.SQLException {
        try (var connection = center.database().dataSource().getConnection();
             var query = connection.prepareStatement(
                     "SELECT on_behalf_of FROM verification_record WHERE verification_number = ?")) {
            query.setString(1, verificationNumber);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** The portal's settings from the demo's client.properties, for a center at {@code eligibilityAddress}. */
    static Map<String, String> portalSettings(DemoEnvironment demo, String eligibilityAddress) throws IOException {
        return portalSettings(demo.clientProperties(), eligibilityAddress);
    }

    /** The portal's settings from a client's properties (a clinic's, or the center staff's console ones). */
    static Map<String, String> portalSettings(Path clientProperties, String eligibilityAddress) throws IOException {
        Properties client = new Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(clientProperties)) {
            client.load(reader);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("portal.http.port", "0");
        // Long login delays, so a slow machine cannot pass one unnoticed; tests move the portal's clock instead.
        settings.put("portal.login.base-delay-seconds", "60");
        settings.put("portal.login.max-delay-seconds", "120");
        settings.put("portal.center.base-url",
                eligibilityAddress.substring(0, eligibilityAddress.indexOf("/services/")));
        settings.put("portal.keystore.path", client.getProperty("keystore"));
        settings.put("portal.keystore.password", client.getProperty("keystorePassword"));
        settings.put("portal.key.alias", client.getProperty("keyAlias"));
        settings.put("portal.truststore.path", client.getProperty("truststore"));
        settings.put("portal.truststore.password", client.getProperty("truststorePassword"));
        settings.put("portal.server.alias", client.getProperty("serverAlias"));
        return settings;
    }

    String url(String path) {
        return portal.url() + path.replaceFirst("^/", "");
    }

    String staffPassword() {
        return demo.secret("user." + DemoSeed.CLINIC_STAFF);
    }

    /** A new person of the demo clinic with the given role (KIND:ROLE) and password. */
    void createUser(String userId, String role, String password) {
        new UserAccountStore(center.database()).create(userId, DemoSeed.CLINIC, role,
                new PasswordHasher(TEST_PBKDF2_ITERATIONS).hash(password));
    }

    String managerPassword() {
        return demo.secret("user." + DemoSeed.CLINIC_MANAGER);
    }

    /**
     * A new person of the demo clinic added the way the center's staff add one ({@code user add}), and the
     * one-time password the command prints once.
     */
    String addUserWithOneTimePassword(String userId, String role) throws IOException {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        new jp.hokensho.center.admin.AdminCli(center.database(), CenterSettings.load(demo.centerProperties(), Map.of()),
                "portal-test", new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8),
                Clock.systemUTC()).addUser(userId, DemoSeed.CLINIC, role);
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("initial password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
    }

    void stopInsurer() {
        adapter.stop();
    }

    void restartInsurer() throws IOException {
        adapter.stop();
        adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        portal.close();
        center.close();
        adapter.stop();
    }
}
