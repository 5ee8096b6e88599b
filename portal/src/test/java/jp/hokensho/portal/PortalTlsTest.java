package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal's transport: HTTPS with TLS 1.2/1.3 only when a server key is configured, and no plain HTTP off
 * loopback. No center runs: these pages are served before anyone logs in.
 */
class PortalTlsTest {
    private static final String PASSWORD = "test-secret";

    @TempDir
    static Path dir;
    private static CertificateAuthority ca;
    private static Map<String, String> clinicSettings;

    @BeforeAll
    static void keys() {
        ca = CertificateAuthority.create("CN=Test CA,O=Hokensho,C=JP", Duration.ofDays(1), Clock.systemUTC());
        IssuedKey center = ca.issue("CN=center,O=Hokensho,C=JP", Duration.ofDays(1));
        Path clinicKey = dir.resolve("clinic.p12");
        Path truststore = dir.resolve("trust.p12");
        KeyStoreFiles.writeKey(clinicKey, "clinic", ca.issue("CN=clinic,O=Hokensho,C=JP", Duration.ofDays(1)),
                PASSWORD.toCharArray());
        KeyStoreFiles.writeTrusted(truststore, Map.of("center", center.certificate()), PASSWORD.toCharArray());
        clinicSettings = Map.of("portal.keystore.path", clinicKey.toString(),
                "portal.keystore.password", PASSWORD, "portal.key.alias", "clinic",
                "portal.truststore.path", truststore.toString(), "portal.truststore.password", PASSWORD,
                "portal.server.alias", "center");
    }

    @Test
    void offLoopbackWithoutATlsKeyRefusesToStartAndBindsNothing() throws IOException {
        int port = freePort();
        Map<String, String> settings = new HashMap<>(clinicSettings);
        settings.put("portal.http.host", "0.0.0.0");
        settings.put("portal.http.port", String.valueOf(port));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PortalServer.start(PortalSettings.load(null, settings, Map.of()), Clock.systemUTC()).close());

        assertTrue(refused.getMessage().contains("portal.tls.keystore.path"), refused.getMessage());
        try (ServerSocket nothingBound = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            assertEquals(port, nothingBound.getLocalPort());
        }
    }

    @Test
    void withATlsKeyServesHttpsOnlyWithModernTlsAndASecureSessionCookie() throws Exception {
        Path serverKey = dir.resolve("portal-tls.p12");
        KeyStoreFiles.writeKey(serverKey, "tls", ca.issueServer("CN=127.0.0.1,OU=PORTAL,O=Hokensho,C=JP",
                Duration.ofDays(1), "127.0.0.1", "localhost"), PASSWORD.toCharArray());
        Map<String, String> settings = new HashMap<>(clinicSettings);
        settings.put("portal.http.host", "0.0.0.0"); // off loopback: allowed because of the key
        settings.put("portal.http.port", "0");
        settings.put("portal.tls.keystore.path", serverKey.toString());
        settings.put("portal.tls.keystore.password", PASSWORD);
        SSLContext trustingTheCa = trusting(ca);

        try (PortalServer portal = PortalServer.start(PortalSettings.load(null, settings, Map.of()),
                Clock.systemUTC())) {
            assertTrue(portal.url().startsWith("https://"), portal.url());
            int port = URI.create(portal.url()).getPort();
            HttpClient client = HttpClient.newBuilder().sslContext(trustingTheCa).build();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("PORTAL_SESSION=")).findFirst().orElseThrow();
            for (String attribute : List.of("Secure", "HttpOnly", "SameSite=Strict")) {
                assertTrue(List.of(cookie.split(";\\s*")).stream().anyMatch(attribute::equalsIgnoreCase), cookie);
            }
            assertTrue(handshake(trustingTheCa, port, "TLSv1.3", "TLSv1.2").matches("TLSv1\\.[23]"));
            // The JVM of these tests allows TLS 1.1 (see the surefire argLine), so the refusal is the portal's own.
            assertFalse(Security.getProperty("jdk.tls.disabledAlgorithms").matches(".*TLSv1\\.1.*"),
                    "TLS 1.1 is disabled in this JVM: the test would prove nothing");
            SSLHandshakeException old = assertThrows(SSLHandshakeException.class,
                    () -> handshake(trustingTheCa, port, "TLSv1.1"), "TLS 1.1 is not accepted");
            assertTrue(old.getMessage().contains("protocol_version"), old.getMessage());
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString()),
                    "no plain HTTP on the TLS port");
            // The FHIR endpoint is served on the same TLS listener, never in the clear.
            HttpResponse<String> metadata = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/fhir/metadata")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metadata.statusCode(), metadata.body());
            assertTrue(metadata.body().contains("\"resourceType\":\"CapabilityStatement\""), metadata.body());
            assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/fhir/metadata")).build(),
                    HttpResponse.BodyHandlers.ofString()), "no plain HTTP for FHIR either");
        }
    }

    private static SSLContext trusting(CertificateAuthority ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusting.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting.getTrustManagers(), null);
        return context;
    }

    /** A handshake offering only {@code protocols}; the protocol agreed. */
    private static String handshake(SSLContext context, int port, String... protocols) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(protocols);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
