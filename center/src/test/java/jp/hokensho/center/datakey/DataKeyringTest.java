package jp.hokensho.center.datakey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.crypto.KeyGenerator;
import jp.hokensho.center.CenterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing card data: bound to its context, under a key named in the value, refused when not configured. */
class DataKeyringTest {
    private static final byte[] NAME = "上野 太郎 1970-01-01".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void sealedValueOpensOnlyInItsOwnContextAndHidesThePlainText() {
        DataKeyring keys = TestDataKeys.fresh();
        byte[] sealed = keys.seal(NAME, "batch_item/1/0/answer");

        assertArrayEquals(NAME, keys.open(sealed, "batch_item/1/0/answer"));
        assertFalse(new String(sealed, StandardCharsets.UTF_8).contains("上野"));
        assertFalse(java.util.Arrays.equals(sealed, keys.seal(NAME, "batch_item/1/0/answer")), "a fresh IV each time");
        assertThrows(IllegalStateException.class, () -> keys.open(sealed, "batch_item/1/1/answer"), "moved row");
        sealed[sealed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> keys.open(sealed, "batch_item/1/0/answer"), "altered");
    }

    @Test
    void oneThreadsCipherServesEveryValueAfterARefusedOneAndAcrossKeyrings() {
        // Each thread keeps one cipher for all keyrings: a refused value must leave nothing behind in it.
        DataKeyring first = TestDataKeys.fresh();
        DataKeyring second = TestDataKeys.fresh();
        byte[] tampered = first.seal(NAME, "c");
        tampered[tampered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> first.open(tampered, "c"));
        for (int i = 0; i < 3; i++) {
            String context = "c" + i;
            byte[] one = first.seal(NAME, context);
            byte[] other = second.seal(NAME, context);
            assertArrayEquals(NAME, first.open(one, context));
            assertArrayEquals(NAME, second.open(other, context));
            assertThrows(IllegalStateException.class, () -> second.open(one, context), "another keyring's key");
        }
    }

    @Test
    void valuesSealedUnderAnOlderKeyStillOpenAfterANewKeyIsMadeCurrent() throws Exception {
        Path file = dir.resolve("keys.p12");
        char[] password = "pw".toCharArray();
        DataKeyFiles.createKeystore(file, "data-key-1", password);
        byte[] old = DataKeyring.load(file, password, "data-key-1").seal(NAME, "c");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256);
        store.setEntry("data-key-2", new KeyStore.SecretKeyEntry(aes.generateKey()),
                new KeyStore.PasswordProtection(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        DataKeyring rotated = DataKeyring.load(file, password, "data-key-2");

        assertEquals("data-key-2", rotated.currentKeyId());
        assertArrayEquals(NAME, rotated.open(old, "c"));
        assertTrue(new String(rotated.seal(NAME, "c"), StandardCharsets.ISO_8859_1).contains("data-key-2"),
                "the key id travels with the value");
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> TestDataKeys.fresh().open(old, "c"));
        assertTrue(unknown.getMessage().contains("data-key-1"), unknown.getMessage());
    }

    @Test
    void missingOrWrongConfigurationIsRefusedNamingTheSetting() {
        IllegalStateException unset = assertThrows(IllegalStateException.class,
                () -> DataKeyFiles.configured(CenterSettings.load(null, Map.of())));
        assertTrue(unset.getMessage().contains("center.data-key.keystore.path"), unset.getMessage());

        Path file = dir.resolve("keys.p12");
        DataKeyFiles.createKeystore(file, "data-key-1", "pw".toCharArray());
        IllegalStateException wrongAlias = assertThrows(IllegalStateException.class,
                () -> DataKeyFiles.configured(CenterSettings.load(null, Map.of(DataKeyFiles.PATH, file.toString(),
                        DataKeyFiles.PASSWORD, "pw", DataKeyFiles.ALIAS, "no-such-key"))));
        assertTrue(wrongAlias.getMessage().contains("no-such-key"), wrongAlias.getMessage());
        assertThrows(IllegalStateException.class, () -> DataKeyFiles.configured(CenterSettings.load(null,
                Map.of(DataKeyFiles.PATH, file.toString(), DataKeyFiles.PASSWORD, "wrong"))));
    }
}
