package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, then the --config file, then overrides, then the environment; a missing key names itself. */
class PortalSettingsTest {

    @Test
    void fileOverridesDefaultsAndTheEnvironmentOverridesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("portal.properties");
        Files.writeString(file, "portal.http.port=9000\nportal.session.idle-minutes=30\n");

        PortalSettings settings = PortalSettings.load(file, Map.of(), Map.of("PORTAL_SESSION_IDLE_MINUTES", "5"));

        assertEquals(9000, settings.getInt("portal.http.port"));
        assertEquals(5, settings.getInt("portal.session.idle-minutes"));
        assertEquals("127.0.0.1", settings.get("portal.http.host"));
    }

    @Test
    void theIdleTimeoutIsFifteenMinutesByDefault() {
        assertEquals(15, PortalSettings.load(null, Map.of(), Map.of()).getInt("portal.session.idle-minutes"));
    }

    @Test
    void aMissingKeyIsNamedWithItsEnvironmentVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PortalSettings.load(null, Map.of(), Map.of()).get("portal.keystore.path"));
        assertTrue(e.getMessage().contains("portal.keystore.path") && e.getMessage().contains("PORTAL_KEYSTORE_PATH"),
                e.getMessage());
    }
}
