package jp.hokensho.center.datakey;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import jp.hokensho.center.CenterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-key keystore of the center's configuration ({@code center.data-key.keystore.*}), and making a new one
 * (the demo and tests; in production {@code keytool -genseckey} does the same).
 */
public final class DataKeyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DataKeyFiles.class);
    public static final String PATH = "center.data-key.keystore.path";
    public static final String PASSWORD = "center.data-key.keystore.password";
    public static final String ALIAS = "center.data-key.keystore.alias";

    private DataKeyFiles() {
    }

    /**
     * The configured keyring; without one the center must not start, since it would otherwise have to keep the
     * card data of asynchronous batches readable in its database.
     */
    public static DataKeyring configured(CenterSettings settings) {
        try {
            if (settings.getOrNull(PATH) == null || settings.getOrNull(PASSWORD) == null) {
                throw new IllegalStateException(PATH + " and " + PASSWORD + " must be set: the center encrypts the"
                        + " card data of asynchronous batches with an AES key from that PKCS#12 keystore (entry "
                        + ALIAS + "), e.g. made with keytool -genseckey -storetype PKCS12 -keyalg AES -keysize 256");
            }
            return DataKeyring.load(settings.getPath(PATH), settings.get(PASSWORD).toCharArray(), settings.get(ALIAS));
        } catch (IllegalStateException e) {
            LOG.error("the center cannot start without its data key: {}", e.getMessage());
            throw e;
        }
    }

    /** Writes a new PKCS#12 keystore holding one fresh AES-256 key under {@code alias}. */
    public static void createKeystore(Path file, String alias, char[] password) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()),
                    new KeyStore.PasswordProtection(password));
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the data-key keystore " + file, e);
        }
    }
}
