package jp.hokensho.center.demo;

import java.nio.file.Path;
import jp.hokensho.center.persistence.DatabaseSettings;

/**
 * How to lay out a demo: its folder, ports, the center's database and the password-hash cost.
 *
 * @param centerDatabase null for the embedded H2 file database inside {@code dir}
 * @param managementPort port of {@code /health} and {@code /metrics}; 0 = any free port
 */
public record DemoOptions(Path dir, int centerPort, int adapterPort, DatabaseSettings centerDatabase,
                          int pbkdf2Iterations, long insurerTimeoutMillis, int managementPort) {
    public DemoOptions {
        dir = dir.toAbsolutePath();
        if (centerDatabase == null) {
            centerDatabase = DatabaseSettings.h2File(dir.resolve("center").resolve("db"));
        }
    }

    /** A demo whose management endpoint takes any free port (tests run several centers at once). */
    public DemoOptions(Path dir, int centerPort, int adapterPort, DatabaseSettings centerDatabase,
                       int pbkdf2Iterations, long insurerTimeoutMillis) {
        this(dir, centerPort, adapterPort, centerDatabase, pbkdf2Iterations, insurerTimeoutMillis, 0);
    }
}
