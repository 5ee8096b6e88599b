package jp.hokensho.center.persistence;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the center's database is and how many connections to pool.
 *
 * @param poolSize maximum connections of the HikariCP pool
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    /** Pool size when none is configured: enough for a 2-core node (requests are short). */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);WRITE_DELAY=([^;]*)");
    private static final Pattern SERVER_PREPARED = Pattern.compile("(?i)[?&]useServerPrepStmts=");

    /** An H2 URL on a database kept on disk gets {@code WRITE_DELAY=0} (see {@link #withDurableCommits}). */
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        password = password == null ? "" : password;
        jdbcUrl = withDurableCommits(jdbcUrl);
    }

    /**
     * The embedded default: an H2 file database {@code <dir>/center.mv.db} in MariaDB mode, so the same
     * Flyway scripts run on it. {@code AUTO_SERVER=TRUE} lets a CLI command open it while the server
     * runs (the file is otherwise locked by the first process).
     */
    public static DatabaseSettings h2File(Path dir) {
        String file = dir.toAbsolutePath().normalize().resolve("center").toString();
        return new DatabaseSettings("jdbc:h2:file:" + file + h2Options(true), "sa", "", DEFAULT_POOL_SIZE);
    }

    /** An in-memory H2 database that lives as long as the pool keeps a connection; for tests and tools. */
    public static DatabaseSettings h2Memory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + h2Options(false) + ";DB_CLOSE_DELAY=-1", "sa", "",
                DEFAULT_POOL_SIZE);
    }

    /** A MariaDB database on a server (utf8mb4 is set per table by the migrations). */
    public static DatabaseSettings mariaDb(String host, int port, String database, String user, String password) {
        return new DatabaseSettings("jdbc:mariadb://" + host + ":" + port + "/" + database, user, password,
                DEFAULT_POOL_SIZE);
    }

    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(jdbcUrl, user, password, size);
    }

    /** True for the embedded H2 database, whose locking and timeouts differ from MariaDB's. */
    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    // LOCK_TIMEOUT: H2 waits only 1 s for a row lock by default; the audit chain head is a hot row.
    private static String h2Options(boolean autoServer) {
        return ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000" + (autoServer ? ";AUTO_SERVER=TRUE" : "");
    }

    /**
     * Adds {@code WRITE_DELAY=0} to an H2 URL of a database on disk that does not set it (a configured URL, or one
     * written into an older demo's configuration), and refuses one that sets another delay.
     *
     * <p>Why: by default H2 writes committed transactions to its file up to 500 ms later, from a background thread.
     * A center process that dies in that window (kill -9, the kernel's out-of-memory killer, a JVM crash) loses
     * transactions whose answers had already left: audit records whose verification numbers clinics hold, and
     * reservations of verification-number blocks, whose numbers a restarted center then issues a second time.
     * With 0, each commit writes its changes to the file before it returns (H2 writes commits that arrive together
     * in one go), and every answer is sent after its commit. It guards against the process dying, not the machine:
     * H2 leaves its last writes in the operating system's cache, where MariaDB syncs each commit to disk.
     */
    static String withDurableCommits(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:h2:mem:")) {
            return jdbcUrl;
        }
        Matcher delay = H2_WRITE_DELAY.matcher(jdbcUrl);
        if (!delay.find()) {
            return jdbcUrl + ";WRITE_DELAY=0";
        }
        if (!delay.group(1).strip().equals("0")) {
            throw new IllegalArgumentException("the database URL sets WRITE_DELAY=" + delay.group(1)
                    + ": the center needs WRITE_DELAY=0 (or none), so that a crash loses no answered verification");
        }
        return jdbcUrl;
    }

    /**
     * The URL the pool connects with: on MariaDB, with server-side prepared statements ({@code useServerPrepStmts})
     * unless the configured URL chooses itself.
     *
     * <p>Why: with the driver's default, every execution goes to the server as text that it parses anew; prepared
     * once per connection (the driver keeps them, {@code prepStmtCacheSize}), each execution is sent as values
     * only. A verification runs the same dozen statements every time, and the benchmark measured the server's CPU
     * per verification falling from 1.9-2.4 ms to 1.5-1.7 ms (docs/performance.md, round 4). A node holds at most
     * the driver's cache times the pool's connections on the server (2,500 with the defaults; 173 were used in the
     * benchmark), against the server's {@code max_prepared_stmt_count} (16,382 by default).
     */
    public String poolUrl() {
        if (!jdbcUrl.startsWith("jdbc:mariadb:") || SERVER_PREPARED.matcher(jdbcUrl).find()) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "useServerPrepStmts=true";
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
