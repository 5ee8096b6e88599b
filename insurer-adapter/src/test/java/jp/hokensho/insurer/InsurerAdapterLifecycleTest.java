package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start and stop: a stopped insurer no longer listens and gives its port back ("the insurer is down"). */
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
    void missingSettingsAreNamedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdapterSettings.of(new Properties()));
        assertTrue(e.getMessage().contains(AdapterSettings.KEYSTORE_PATH), e.getMessage());
        assertTrue(e.getMessage().contains(AdapterSettings.CENTER_PASSWORD_HASH), e.getMessage());
    }
}
