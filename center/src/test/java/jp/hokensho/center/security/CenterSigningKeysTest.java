package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the center's keys signs, before and after a rollover's switch time, and refused rollover settings. */
class CenterSigningKeysTest {
    private static final Instant SWITCH = Instant.parse("2027-04-01T00:00:00Z");
    private final CertificateAuthority ca = CertificateAuthority.create("CN=Test CA", Duration.ofDays(2),
            Clock.systemUTC());

    @TempDir
    Path dir;

    @Test
    void signsWithTheNextKeyFromTheSwitchTimeAndDecryptsWithBoth() {
        IssuedKey present = ca.issue("CN=center", Duration.ofDays(1));
        IssuedKey next = ca.issue("CN=center", Duration.ofDays(1));
        Path keystore = keystore(present, next);
        Map<String, String> rollover = Map.of("center.keystore.next-alias", "center-next",
                "center.keystore.switch-at", SWITCH.toString());

        CenterSigningKeys before = load(keystore, rollover, SWITCH.minusMillis(1));
        CenterSigningKeys after = load(keystore, rollover, SWITCH);

        assertEquals("center", before.signingAlias());
        assertEquals("center-next", after.signingAlias());
        assertEquals(Map.of("center", "pw", "center-next", "pw"), before.keyPasswords());
        assertEquals(next.certificate(), after.certificate(after.signingAlias()));
        assertTrue(after.allCertificates().keySet().containsAll(java.util.List.of(present.serial(), next.serial())));
        assertEquals("center", load(keystore, Map.of(), SWITCH.plusSeconds(86_400)).signingAlias(),
                "no rollover configured: the present key signs");
    }

    @Test
    void incompleteOrWrongRolloverSettingsAreRefusedByName() {
        Path keystore = keystore(ca.issue("CN=center", Duration.ofDays(1)), ca.issue("CN=center", Duration.ofDays(1)));

        assertMessage("center.keystore.switch-at", () -> load(keystore,
                Map.of("center.keystore.next-alias", "center-next"), SWITCH));
        assertMessage("2027-04-01 09:00", () -> load(keystore, Map.of("center.keystore.next-alias", "center-next",
                "center.keystore.switch-at", "2027-04-01 09:00"), SWITCH));
        assertMessage("center.keystore.next-alias", () -> load(keystore, Map.of("center.keystore.next-alias",
                "center-missing", "center.keystore.switch-at", SWITCH.toString()), SWITCH));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private Path keystore(IssuedKey present, IssuedKey next) {
        Path file = dir.resolve("center-" + present.serial() + ".p12");
        KeyStoreFiles.writeKey(file, "center", present, "pw".toCharArray());
        KeyStoreFiles.addKey(file, "center-next", next, "pw".toCharArray());
        return file;
    }

    private static CenterSigningKeys load(Path keystore, Map<String, String> extra, Instant now) {
        Map<String, String> settings = new HashMap<>(Map.of("center.keystore.path", keystore.toString(),
                "center.keystore.password", "pw", "center.keystore.alias", "center"));
        settings.putAll(extra);
        return CenterSigningKeys.load(CenterSettings.load(null, settings), Clock.fixed(now, ZoneOffset.UTC));
    }
}
