package jp.hokensho.insurer.card;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The adapter's own database: a HikariCP pool, migrated by Flyway with its own schema history on open.
 */
public final class AdapterDatabase implements AutoCloseable {
    public static final String MIGRATIONS = "classpath:db/insurer-adapter/migration";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);WRITE_DELAY=([^;]*)");

    private final HikariDataSource dataSource;

    private AdapterDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool and applies pending migrations; closes the pool again if migrating fails. */
    public static AdapterDatabase open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("insurer-adapter");
        config.setJdbcUrl(withDurableCommits(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(ds).locations(MIGRATIONS).table(HISTORY_TABLE).load().migrate();
            return new AdapterDatabase(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /**
     * Adds {@code WRITE_DELAY=0} to an H2 URL of a database on disk that does not set it, and refuses another delay.
     *
     * <p>Why: by default H2 writes committed transactions to its file up to 500 ms later, from a background thread.
     * An adapter process that dies in that window loses changes it had already reported done: a card import the
     * operator was told was loaded, entries of its access logs. With 0, each commit writes its changes to the file
     * before it returns. It guards against the process dying, not the machine: H2 leaves its last writes in the
     * operating system's cache.
     */
    static String withDurableCommits(String url) {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        Matcher delay = H2_WRITE_DELAY.matcher(url);
        if (!delay.find()) {
            return url + ";WRITE_DELAY=0";
        }
        if (!delay.group(1).strip().equals("0")) {
            throw new IllegalArgumentException("the adapter's database URL sets WRITE_DELAY=" + delay.group(1)
                    + ": it needs WRITE_DELAY=0 (or none), so that a crash loses no committed change");
        }
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
