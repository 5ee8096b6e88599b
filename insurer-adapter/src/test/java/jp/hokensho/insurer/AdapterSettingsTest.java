package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jp.hokensho.insurer.sync.SyncSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings: file, then environment, then system properties; relative paths against the file's folder. */
class AdapterSettingsTest {
    @TempDir
    Path dir;

    static Properties minimal() {
        Properties p = new Properties();
        p.setProperty(AdapterSettings.INSURER_NUMBERS, "00000001, ０６１３０３１２");
        p.setProperty(AdapterSettings.KEYSTORE_PATH, "keys/insurer.p12");
        p.setProperty(AdapterSettings.KEYSTORE_PASSWORD, "secret-ks");
        p.setProperty(AdapterSettings.KEYSTORE_ALIAS, "insurer");
        p.setProperty(AdapterSettings.TRUSTSTORE_PATH, "keys/trust.p12");
        p.setProperty(AdapterSettings.TRUSTSTORE_PASSWORD, "secret-ts");
        p.setProperty(AdapterSettings.CENTER_SUBJECT_CONSTRAINT, "CN=Center,O=Hokensho,C=JP");
        p.setProperty(AdapterSettings.CENTER_USERNAME, "center");
        p.setProperty(AdapterSettings.CENTER_PASSWORD_HASH, "pbkdf2$1$AAAA$AAAA");
        return p;
    }

    @Test
    void environmentOverridesTheFileAndSystemPropertiesOverrideBoth() {
        Properties file = minimal();
        file.setProperty(AdapterSettings.HTTP_PORT, "8181");
        file.setProperty(AdapterSettings.HTTP_HOST, "0.0.0.0");
        Properties system = new Properties();
        system.setProperty(AdapterSettings.HTTP_HOST, "127.0.0.2");
        Map<String, String> env = Map.of("INSURER_ADAPTER_HTTP_PORT", "9191", "INSURER_ADAPTER_HTTP_HOST", "10.0.0.1");
        AdapterSettings s = AdapterSettings.of(AdapterSettings.overlay(file, env, system));
        assertEquals(9191, s.httpPort());
        assertEquals("127.0.0.2", s.httpHost());
        assertEquals("INSURER_ADAPTER_CENTER_PASSWORD_HASH", AdapterSettings.envName(AdapterSettings.CENTER_PASSWORD_HASH));
    }

    @Test
    void defaultsAndNormalisedInsurerNumbers() {
        AdapterSettings s = AdapterSettings.of(minimal());
        assertEquals(Set.of("00000001", "06130312"), s.insurerNumbers());
        assertEquals("127.0.0.1", s.httpHost());
        assertEquals(0, s.httpPort());
        assertEquals("/services/insurer-query", s.httpPath());
        assertTrue(s.dbUrl().startsWith("jdbc:h2:file:"), s.dbUrl());
        assertTrue(s.dbUrl().contains("MODE=MariaDB"), s.dbUrl());
        assertEquals("secret-ks", s.keyPassword());
        assertFalse(s.toString().contains("secret"), s.toString());
        assertFalse(s.toString().contains("pbkdf2"), s.toString());
    }

    @Test
    void relativePathsInAFileAreRelativeToThatFile() throws Exception {
        Path file = dir.resolve("conf/adapter.properties");
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        minimal().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        text.append(AdapterSettings.DEMO_CARDS).append("=cards.csv\n");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        AdapterSettings s = AdapterSettings.load(file);
        assertEquals(dir.resolve("conf/keys/insurer.p12"), s.keystorePath());
        assertEquals(dir.resolve("conf/cards.csv").toString(), s.demoCards().orElseThrow());
    }

    @Test
    void aPreStoredAdapterNeedsTheRegistryInsteadOfTheCentersServiceAccount() {
        Properties p = minimal();
        p.remove(AdapterSettings.CENTER_SUBJECT_CONSTRAINT);
        p.remove(AdapterSettings.CENTER_USERNAME);
        p.remove(AdapterSettings.CENTER_PASSWORD_HASH);
        p.setProperty(AdapterSettings.MODE, "pre-stored");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdapterSettings.of(p));
        assertTrue(e.getMessage().contains(AdapterSettings.REGISTRY_URL), e.getMessage());
        assertTrue(e.getMessage().contains(AdapterSettings.REGISTRY_PASSWORD), e.getMessage());
        assertFalse(e.getMessage().contains(AdapterSettings.CENTER_PASSWORD_HASH), e.getMessage());

        p.setProperty(AdapterSettings.REGISTRY_URL, "https://center.example/services/registry");
        p.setProperty(AdapterSettings.REGISTRY_USERNAME, "kenpo-cards");
        p.setProperty(AdapterSettings.REGISTRY_PASSWORD, "secret-registry");
        AdapterSettings s = AdapterSettings.of(p);
        assertEquals(AdapterSettings.Mode.PRE_STORED, s.mode());
        SyncSettings sync = SyncSettings.from(s);
        assertEquals("center", sync.centerCertificateAlias());
        assertEquals(500, sync.chunkSize());
        assertEquals(Duration.ZERO, sync.interval());
        assertFalse(s.toString().contains("secret"), s.toString());
        assertFalse(sync.toString().contains("secret"), sync.toString());
        assertEquals("INSURER_ADAPTER_REGISTRY_PASSWORD", AdapterSettings.envName(AdapterSettings.REGISTRY_PASSWORD));

        p.setProperty(AdapterSettings.SYNC_CHUNK_SIZE, "1001");
        assertThrows(IllegalArgumentException.class, () -> SyncSettings.from(AdapterSettings.of(p)));
    }

    @Test
    void theCheckDigitIsRequiredUnlessSwitchedOffAndTheModeDefaultsToRealTime() {
        Properties p = minimal();
        assertTrue(AdapterSettings.of(p).checkDigitRequired());
        assertEquals(AdapterSettings.Mode.REAL_TIME, AdapterSettings.of(p).mode());
        p.setProperty(AdapterSettings.CHECK_DIGIT_REQUIRED, "false");
        assertFalse(AdapterSettings.of(p).checkDigitRequired());
        p.setProperty(AdapterSettings.CHECK_DIGIT_REQUIRED, "no");
        assertThrows(IllegalArgumentException.class, () -> AdapterSettings.of(p).checkDigitRequired());
        p.setProperty(AdapterSettings.MODE, "BATCH");
        assertThrows(IllegalArgumentException.class, () -> AdapterSettings.of(p));
    }
}
