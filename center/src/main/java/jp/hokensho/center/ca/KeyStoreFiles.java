package jp.hokensho.center.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;

/** Reads and writes the PKCS#12 files the center hands out and uses: keys, truststores, its CA. */
public final class KeyStoreFiles {
    private KeyStoreFiles() {
    }

    public static void writeKey(Path file, String alias, IssuedKey key, char[] password) {
        writeEntry(file, alias, key.privateKey(), new Certificate[] {key.certificate(), key.caCertificate()}, password);
    }

    /** The PKCS#12 file {@link #writeKey} would write, as bytes (handed out without touching the disk). */
    public static byte[] keyFile(String alias, IssuedKey key, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry(alias, key.privateKey(), password,
                    new Certificate[] {key.certificate(), key.caCertificate()});
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the key file of " + alias, e);
        }
    }

    public static void writeCa(Path file, String alias, CertificateAuthority ca, char[] password) {
        writeEntry(file, alias, ca.privateKey(), new Certificate[] {ca.certificate()}, password);
    }

    public static CertificateAuthority readCa(Path file, String alias, char[] password, Clock clock) {
        KeyStore store = read(file, password);
        try {
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            return new CertificateAuthority(new java.security.KeyPair(certificate.getPublicKey(), key), certificate,
                    clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA key from " + file, e);
        }
    }

    /** A truststore of certificates only, one entry per alias. */
    public static void writeTrusted(Path file, Map<String, X509Certificate> certificates, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            for (Map.Entry<String, X509Certificate> entry : certificates.entrySet()) {
                store.setCertificateEntry(entry.getKey(), entry.getValue());
            }
            save(store, file, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write truststore " + file, e);
        }
    }

    /**
     * Adds a key entry to an existing keystore, keeping every other entry; the file is replaced in one move, so a
     * failure leaves the old one as it was.
     *
     * @throws IllegalArgumentException the keystore already has an entry under {@code alias}
     */
    public static void addKey(Path file, String alias, IssuedKey key, char[] password) {
        KeyStore store = read(file, password);
        try {
            if (store.containsAlias(alias)) {
                throw new IllegalArgumentException("the keystore " + file + " already has an entry '" + alias + "'");
            }
            store.setKeyEntry(alias, key.privateKey(), password, new Certificate[] {key.certificate(),
                key.caCertificate()});
            Path partial = file.resolveSibling(file.getFileName() + ".new");
            save(store, partial, password);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot add '" + alias + "' to the keystore " + file, e);
        }
    }

    public static KeyStore read(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot read keystore " + file, e);
        }
    }

    private static void writeEntry(Path file, String alias, PrivateKey key, Certificate[] chain, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry(alias, key, password, chain);
            save(store, file, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write keystore " + file, e);
        }
    }

    private static void save(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
