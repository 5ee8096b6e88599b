package jp.hokensho.center.backup;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The encrypted backup file: a versioned header, then the content in segments of AES-256-GCM (the STREAM
 * construction of Hoang, Reyhanitabar, Rogaway and Vizár, as in Tink's streaming AEAD and age): each segment's nonce
 * is a random prefix, the segment's number and a flag set on the last segment only, and each authenticates the whole
 * header. So a reordered, altered, or cut-off file fails, and a truncation at a segment boundary too (no last segment).
 * The key comes from the operator's passphrase through scrypt (Bouncy Castle), whose parameters and salt are in the
 * header; a check value derived with the key tells a wrong passphrase from a damaged file.
 *
 * <pre>
 * "HOKENSHO-CENTER-BACKUP" | version 1 | scrypt log2(N), r, p | salt 16 | nonce prefix 7 | segment size (int) | check 16
 * segment*: ciphertext + 16-byte tag, all segmentSize + 16 long except the last
 * </pre>
 */
public final class BackupEncryption {
    static final byte[] MAGIC = "HOKENSHO-CENTER-BACKUP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int SALT_BYTES = 16;
    private static final int PREFIX_BYTES = 7;
    private static final int CHECK_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = MAGIC.length + 1 + 3 + SALT_BYTES + PREFIX_BYTES + 4 + CHECK_BYTES;
    /** OWASP's scrypt choice for passwords: N=2^17, r=8, p=1 (128 MiB, about half a second here). */
    static final int LOG2_N = 17;
    static final int R = 8;
    static final int P = 1;
    static final int SEGMENT_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupEncryption() {
    }

    /** Encrypts all of {@code plain} to {@code out} under {@code passphrase}. */
    public static void encrypt(InputStream plain, OutputStream out, char[] passphrase) throws IOException {
        encrypt(plain, out, passphrase, LOG2_N);
    }

    /** With a cheaper scrypt cost, for tests of the format (the header carries it to the reader). */
    static void encrypt(InputStream plain, OutputStream out, char[] passphrase, int log2n) throws IOException {
        byte[] salt = random(SALT_BYTES);
        byte[] prefix = random(PREFIX_BYTES);
        byte[][] keys = derive(passphrase, salt, log2n, R, P);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).put((byte) VERSION).put((byte) log2n).put((byte) R).put((byte) P).put(salt).put(prefix)
                .putInt(SEGMENT_BYTES).put(keys[1]);
        byte[] headerBytes = header.array();
        out.write(headerBytes);
        byte[] current = plain.readNBytes(SEGMENT_BYTES);
        long segment = 0;
        while (true) {
            byte[] next = current.length < SEGMENT_BYTES ? new byte[0] : plain.readNBytes(SEGMENT_BYTES);
            boolean last = next.length == 0;
            out.write(seal(keys[0], prefix, segment++, last, headerBytes, current));
            if (last) {
                return;
            }
            current = next;
        }
    }

    /**
     * Decrypts {@code in} to {@code plain}. {@code plain} receives segments as they verify: write it to a scratch
     * place and use it only when this returns (an exception means the file is refused).
     *
     * @throws BackupRefusedException not a backup, another version, wrong passphrase, altered or truncated
     */
    public static void decrypt(InputStream in, OutputStream plain, char[] passphrase) throws IOException {
        DataInputStream input = new DataInputStream(in);
        byte[] headerBytes = new byte[HEADER_BYTES];
        try {
            input.readFully(headerBytes);
        } catch (EOFException e) {
            throw new BackupRefusedException("the file is not a center backup (too short for its header)");
        }
        ByteBuffer header = ByteBuffer.wrap(headerBytes);
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BackupRefusedException("the file is not a center backup (it does not start with "
                    + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
        }
        int version = header.get();
        if (version != VERSION) {
            throw new BackupRefusedException("the backup is in format version " + version
                    + "; this center reads version " + VERSION);
        }
        int log2n = header.get();
        int r = header.get();
        int p = header.get();
        if (log2n < 10 || log2n > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
            throw new BackupRefusedException("the backup's header is damaged (key derivation parameters out of range)");
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[PREFIX_BYTES];
        header.get(salt).get(prefix);
        int segmentBytes = header.getInt();
        if (segmentBytes < 1024 || segmentBytes > (64 << 20)) {
            throw new BackupRefusedException("the backup's header is damaged (segment size " + segmentBytes + ")");
        }
        byte[] check = new byte[CHECK_BYTES];
        header.get(check);
        byte[][] keys = derive(passphrase, salt, log2n, r, p);
        if (!MessageDigest.isEqual(check, keys[1])) {
            throw new BackupRefusedException("wrong passphrase for this backup (or its header was altered)");
        }
        long segment = 0;
        byte[] current = input.readNBytes(segmentBytes + TAG_BYTES);
        while (true) {
            if (current.length < TAG_BYTES) {
                throw truncated(segment);
            }
            byte[] next = current.length < segmentBytes + TAG_BYTES ? new byte[0]
                    : input.readNBytes(segmentBytes + TAG_BYTES);
            boolean last = next.length == 0;
            byte[] opened;
            try {
                opened = open(keys[0], prefix, segment, last, headerBytes, current);
            } catch (AEADBadTagException e) {
                if (last) {
                    // A file cut at a segment boundary ends on a segment sealed as "not last": it fails here too.
                    throw truncated(segment);
                }
                throw new BackupRefusedException("the backup is damaged or was altered (segment " + segment
                        + " does not authenticate)", e);
            }
            plain.write(opened);
            if (last) {
                return;
            }
            segment++;
            current = next;
        }
    }

    private static BackupRefusedException truncated(long segment) {
        return new BackupRefusedException("the backup is truncated or damaged: its end is missing or does not"
                + " authenticate (at segment " + segment + ")");
    }

    private static byte[] seal(byte[] key, byte[] prefix, long segment, boolean last, byte[] header, byte[] plain) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, prefix, segment, last, header).doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static byte[] open(byte[] key, byte[] prefix, long segment, boolean last, byte[] header, byte[] sealed)
            throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, prefix, segment, last, header).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] prefix, long segment, boolean last, byte[] header)
            throws GeneralSecurityException {
        if (segment > 0xFFFFFFFFL) {
            throw new IllegalStateException("backup too large for one file");
        }
        ByteBuffer nonce = ByteBuffer.allocate(12).put(prefix).putInt((int) segment).put((byte) (last ? 1 : 0));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce.array()));
        cipher.updateAAD(header);
        return cipher;
    }

    /** 32 bytes of AES key, and 16 bytes of passphrase check, from one scrypt output. */
    private static byte[][] derive(char[] passphrase, byte[] salt, int log2n, int r, int p) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("the backup passphrase is empty");
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] secret = new byte[encoded.remaining()];
        encoded.get(secret);
        byte[] material = SCrypt.generate(secret, salt, 1 << log2n, r, p, 48);
        Arrays.fill(secret, (byte) 0);
        return new byte[][] {Arrays.copyOfRange(material, 0, 32), Arrays.copyOfRange(material, 32, 48)};
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }
}
