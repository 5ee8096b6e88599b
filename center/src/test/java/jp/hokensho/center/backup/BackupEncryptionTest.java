package jp.hokensho.center.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The encrypted file: round trip over several segments, and each way a file can be wrong is refused by name. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupEncryptionTest {
    private static final char[] PASSPHRASE = "a long enough passphrase".toCharArray();
    private byte[] plain;
    private byte[] sealed;

    @BeforeAll
    void seal() throws Exception {
        plain = new byte[BackupEncryption.SEGMENT_BYTES * 2 + 12345];
        new Random(7).nextBytes(plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A cheaper scrypt than the production one (the end-to-end tests use that); the header carries it.
        BackupEncryption.encrypt(new ByteArrayInputStream(plain), out, PASSPHRASE, 14);
        sealed = out.toByteArray();
    }

    @Test
    void roundTripOverSeveralSegments() throws Exception {
        assertArrayEquals(plain, open(sealed, PASSPHRASE));
        assertTrue(Arrays.equals(Arrays.copyOf(sealed, BackupEncryption.MAGIC.length), BackupEncryption.MAGIC));
    }

    @Test
    void wrongPassphraseIsRefusedAsSuch() {
        assertRefused(sealed, "wrong passphrase".toCharArray(), "wrong passphrase");
    }

    @Test
    void truncationIsRefusedInsideASegmentAndAtASegmentBoundary() {
        assertRefused(Arrays.copyOf(sealed, sealed.length - 1), PASSPHRASE, "truncated");
        int header = sealed.length - plain.length - 3 * 16;
        assertRefused(Arrays.copyOf(sealed, header + BackupEncryption.SEGMENT_BYTES + 16), PASSPHRASE, "truncated");
    }

    @Test
    void alteredContentOrHeaderIsRefused() {
        byte[] altered = sealed.clone();
        altered[sealed.length / 2] ^= 1;
        assertRefused(altered, PASSPHRASE, "damaged or was altered");
        byte[] header = sealed.clone();
        header[BackupEncryption.MAGIC.length + 6] ^= 1; // the salt
        assertRefused(header, PASSPHRASE, "wrong passphrase");
    }

    @Test
    void anotherFileIsRefusedAsNotABackup() {
        assertRefused("PK\u0003\u0004 some zip".getBytes(), PASSPHRASE, "not a center backup");
        assertRefused(new byte[0], PASSPHRASE, "not a center backup");
    }

    private static void assertRefused(byte[] file, char[] passphrase, String expected) {
        BackupRefusedException refused = assertThrows(BackupRefusedException.class, () -> open(file, passphrase));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static byte[] open(byte[] file, char[] passphrase) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupEncryption.decrypt(new ByteArrayInputStream(file), out, passphrase);
        return out.toByteArray();
    }
}
