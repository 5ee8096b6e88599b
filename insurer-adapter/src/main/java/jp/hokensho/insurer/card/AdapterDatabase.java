package jp.hokensho.insurer.card;

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

    private final HikariDataSource dataSource;

    private AdapterDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens the pool and applies pending migrations; closes the pool again if migrating fails. */
    public static AdapterDatabase open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("insurer-adapter");
        config.setJdbcUrl(url);
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

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
