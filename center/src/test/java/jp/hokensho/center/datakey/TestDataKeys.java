package jp.hokensho.center.datakey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data key for a test, in a keystore file of its own (deleted when the JVM exits). */
public final class TestDataKeys {
    private TestDataKeys() {
    }

    public static DataKeyring fresh() {
        try {
            Path file = Files.createTempFile("data-key", ".p12");
            file.toFile().deleteOnExit();
            char[] password = "test-data-key".toCharArray();
            DataKeyFiles.createKeystore(file, "test-key", password);
            return DataKeyring.load(file, password, "test-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
