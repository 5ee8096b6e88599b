package jp.hokensho.center.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The backup passphrase, from a file (its first line) or an environment variable: never from the command line, where
 * {@code ps} and shell histories would show it.
 */
public final class Passphrase {
    /** The environment variable read when no file is given. */
    public static final String ENVIRONMENT = "CENTER_BACKUP_PASSPHRASE";
    /** Shorter passphrases are refused: the file holds personal data and keys. */
    public static final int MIN_LENGTH = 12;

    private Passphrase() {
    }

    /**
     * @param file        a file holding the passphrase, or null
     * @param environment the variable to read when {@code file} is null
     */
    public static char[] read(Path file, String environment) {
        String text;
        String source;
        if (file != null) {
            source = "the passphrase file " + file;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
            }
        } else {
            source = "the environment variable " + environment;
            text = System.getenv(environment);
            if (text == null) {
                throw new IllegalArgumentException("no passphrase: give --passphrase-file FILE or set " + environment);
            }
        }
        text = text.strip();
        if (text.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(source + " holds a passphrase shorter than " + MIN_LENGTH
                    + " characters");
        }
        return text.toCharArray();
    }
}
