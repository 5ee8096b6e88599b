package jp.hokensho.center.datakey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The center's keys for card data at rest, from a PKCS#12 keystore of AES secret-key entries kept outside the
 * database. Seals with the current key (AES-GCM, a random 96-bit IV each time) and opens with whichever key of
 * the keystore a value names, so a new key can be added and made current while older values stay readable.
 *
 * <p>Sealed layout: format version (1 byte), key id length (1 byte), key id (UTF-8), IV (12 bytes), ciphertext
 * with its 128-bit tag. The version and key id are authenticated with the caller's context (e.g. the row's
 * identity), so a value copied to another row, or relabelled with another key id, fails to open.
 */
public final class DataKeyring {
    // One cipher per thread, initialised anew (key and a fresh IV) for every value: looking the transformation up
    // per value (provider search, a new native context) was about 40 % of sealing's time in a batch profile.
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(DataKeyring::newCipher);

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String currentId;
    private final SecureRandom random = new SecureRandom();

    DataKeyring(Map<String, SecretKey> keys, String currentId) {
        if (!keys.containsKey(currentId)) {
            throw new IllegalArgumentException("no data key '" + currentId + "'");
        }
        if (currentId.getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IllegalArgumentException("data key alias over 100 bytes: " + currentId);
        }
        this.keys = Collections.unmodifiableMap(new HashMap<>(keys));
        this.currentId = currentId;
    }

    /**
     * Every AES secret-key entry of the keystore (all under {@code password}); {@code currentAlias} seals.
     *
     * @throws IllegalStateException naming the problem: unreadable file, wrong password, missing or unfit entry
     */
    public static DataKeyring load(Path keystore, char[] password, String currentAlias) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the data-key keystore " + keystore + " (missing file or wrong"
                    + " password): " + e.getMessage(), e);
        }
        Map<String, SecretKey> keys = new HashMap<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)
                        && store.getKey(alias, password) instanceof SecretKey key && "AES".equals(key.getAlgorithm())) {
                    keys.put(alias, key);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keys of the data-key keystore " + keystore, e);
        }
        SecretKey current = keys.get(currentAlias);
        if (current == null || current.getEncoded().length < 16) {
            throw new IllegalStateException("the data-key keystore " + keystore + " has no AES secret key (128 bits"
                    + " or more) under the alias '" + currentAlias + "'");
        }
        return new DataKeyring(keys, currentAlias);
    }

    /** The id (keystore alias) new values are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    /** Encrypts {@code plain}, bound to {@code context} (which must be given again to open it). */
    public byte[] seal(byte[] plain, String context) {
        byte[] header = header(currentId);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(header.length + IV_BYTES + sealed.length).put(header).put(iv).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts a value sealed under {@code context}.
     *
     * @throws IllegalStateException when the value was altered, sealed for another context, or under a key this
     *                               keyring does not hold
     */
    public byte[] open(byte[] sealed, String context) {
        if (sealed.length < 2 + IV_BYTES || sealed[0] != FORMAT || sealed[1] < 0
                || sealed.length < 2 + sealed[1] + IV_BYTES) {
            throw new IllegalStateException("not a sealed value of format " + FORMAT);
        }
        int headerLength = 2 + sealed[1];
        String keyId = new String(sealed, 2, sealed[1], StandardCharsets.UTF_8);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("sealed under data key '" + keyId + "', which the keystore does not hold");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, headerLength, IV_BYTES));
            cipher.updateAAD(sealed, 0, headerLength);
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, headerLength + IV_BYTES, sealed.length - headerLength - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("a sealed value does not open under its context (altered or moved)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed value", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + id.length).put(FORMAT).put((byte) id.length).put(id).array();
    }
}
