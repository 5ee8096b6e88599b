package jp.hokensho.center.demo;

import java.nio.file.Path;
import jp.hokensho.center.persistence.DatabaseSettings;

/**
 * How to lay out a demo: its folder, ports, the center's database and the password-hash cost.
 *
 * @param centerDatabase null for the embedded H2 file database inside {@code dir}
 */
public record DemoOptions(Path dir, int centerPort, int adapterPort, DatabaseSettings centerDatabase,
                          int pbkdf2Iterations, long insurerTimeoutMillis) {
    public DemoOptions {
        dir = dir.toAbsolutePath();
        if (centerDatabase == null) {
            centerDatabase = DatabaseSettings.h2File(dir.resolve("center").resolve("db"));
        }
    }
}
