package jp.hokensho.center.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import jp.hokensho.contract.CardKeyHmac;

/**
 * Random passwords of the demo, made once and kept in the demo's own folder ({@code secrets.properties}),
 * never in the repository, so a restarted demo reuses its keys and accounts.
 */
public final class DemoSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CARD_HMAC_KEY = "card-hmac-key";
    private final Path file;
    private final Properties values = new Properties();

    public DemoSecrets(Path dir) {
        this.file = dir.resolve("secrets.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
    }

    public char[] password(String name) {
        return text(name).toCharArray();
    }

    public synchronized String text(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            byte[] bytes = new byte[15];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            values.setProperty(name, value);
            save();
        }
        return value;
    }

    /** A random key for {@link CardKeyHmac} (longer than the passwords), made once like them. */
    public synchronized String cardHmacKey() {
        String value = values.getProperty(CARD_HMAC_KEY);
        if (value == null) {
            value = CardKeyHmac.randomKey();
            values.setProperty(CARD_HMAC_KEY, value);
            save();
        }
        return value;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(writer, "demo secrets: generated, local to this folder, never committed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
