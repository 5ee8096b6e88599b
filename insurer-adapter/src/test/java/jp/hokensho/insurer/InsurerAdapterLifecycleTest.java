package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start and stop: a stopped insurer no longer listens and gives its port back ("the insurer is down"); off
 * loopback it starts only with TLS.
 */
class InsurerAdapterLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void stopReleasesThePortAndCanBeRepeated() throws Exception {
        TestPki pki = new TestPki(dir);
        Properties p = InsurerEndpointSecurityTest.settings(dir, pki);
        p.remove(AdapterSettings.DEMO_CARDS);
        InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.of(p));
        int port = adapter.port();
        assertTrue(adapter.address().startsWith("http://127.0.0.1:" + port + "/services/insurer-query"));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(s.isConnected());
        }

        adapter.stop();
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
        assertDoesNotThrow(adapter::stop);
    }

    @Test
    void offLoopbackWithoutTlsRefusesToStartBeforeAnythingBindsOrOpens() throws Exception {
        Properties p = InsurerEndpointSecurityTest.settings(dir, new TestPki(dir));
        int port = freePort();
        p.setProperty(AdapterSettings.HTTP_HOST, "0.0.0.0");
        p.setProperty(AdapterSettings.HTTP_PORT, String.valueOf(port));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> InsurerAdapter.start(AdapterSettings.of(p)).stop());

        assertTrue(refused.getMessage().contains(AdapterSettings.TLS_KEYSTORE_PATH), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("data")), "the database was opened before the refusal");
        try (ServerSocket nothingBound = new ServerSocket(port)) {
            assertEquals(port, nothingBound.getLocalPort());
        }
    }

    @Test
    void offLoopbackWithTlsServesHttpsWithModernTlsOnly() throws Exception {
        TestPki pki = new TestPki(dir);
        Properties p = InsurerEndpointSecurityTest.settings(dir, pki);
        p.remove(AdapterSettings.DEMO_CARDS);
        p.setProperty(AdapterSettings.HTTP_HOST, "0.0.0.0");
        p.setProperty(AdapterSettings.HTTP_PORT, String.valueOf(freePort()));
        p.setProperty(AdapterSettings.TLS_KEYSTORE_PATH, pki.insurer.keystore().toString());
        p.setProperty(AdapterSettings.TLS_KEYSTORE_PASSWORD, TestPki.PASSWORD);
        try (InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.of(p))) {
            assertTrue(adapter.address().startsWith("https://0.0.0.0:" + adapter.port()), adapter.address());
            assertTrue(handshake(adapter.port(), pki, "TLSv1.3", "TLSv1.2").matches("TLSv1\\.[23]"));
            assertThrows(IOException.class, () -> handshake(adapter.port(), pki, "TLSv1.1"),
                    "TLS 1.1 is not offered");
        }
    }

    /** A TLS handshake with the endpoint, trusting the center's CA, offering only {@code protocols}. */
    private static String handshake(int port, TestPki pki, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.adapterTruststore)) {
            trust.load(in, TestPki.PASSWORD.toCharArray());
        }
        TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusting.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting.getTrustManagers(), null);
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

    @Test
    void missingSettingsAreNamedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdapterSettings.of(new Properties()));
        assertTrue(e.getMessage().contains(AdapterSettings.KEYSTORE_PATH), e.getMessage());
        assertTrue(e.getMessage().contains(AdapterSettings.CENTER_PASSWORD_HASH), e.getMessage());
    }
}
