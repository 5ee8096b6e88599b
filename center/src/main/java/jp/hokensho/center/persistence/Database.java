package jp.hokensho.center.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's database: a HikariCP pool, migrated by Flyway, with a Hibernate SessionFactory over it.
 * One per process; closing it closes the pool.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;

    private Database(HikariDataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
    }

    /** Opens the pool, applies pending migrations and builds the SessionFactory. */
    public static Database open(DatabaseSettings settings) {
        HikariDataSource pool = pool(settings);
        try {
            migrate(pool);
            if (!settings.isH2()) {
                warnUnlessCommitsAreFlushed(pool);
            }
            return new Database(pool, sessionFactory(pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("center-db");
        config.setJdbcUrl(settings.poolUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        return new HikariDataSource(config);
    }

    // One script set for H2 (MariaDB mode) and MariaDB: the DDL was kept portable, so no vendor folders.
    private static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database schema at version {} ({} migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    /**
     * Answers are sent only after their audit record committed: that holds through a crash of the database server
     * only if InnoDB writes and flushes its log at every commit (1, MariaDB's default). Other values are a server
     * choice the center cannot change, so it says so at start rather than refusing to run.
     */
    private static void warnUnlessCommitsAreFlushed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
            if (row.next() && row.getInt(1) != 1) {
                LOG.warn("The database server runs with innodb_flush_log_at_trx_commit={}: a crash can "
                        + "lose verifications already answered. Set it to 1.", row.getInt(1));
            }
        } catch (SQLException e) {
            LOG.warn("Could not read innodb_flush_log_at_trx_commit: commit durability is unchecked", e);
        }
    }

    private static SessionFactory sessionFactory(DataSource dataSource) {
        Configuration configuration = new Configuration();
        CenterEntities.ALL.forEach(configuration::addAnnotatedClass);
        // Hibernate takes the pool as an object, so it does not build a second one.
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        // Flyway owns the schema; Hibernate only checks at startup that the entities match it.
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        // Timestamps are UTC LocalDateTimes; binding them directly avoids a detour through the JVM zone.
        configuration.setProperty(AvailableSettings.JAVA_TIME_USE_DIRECT_JDBC, true);
        configuration.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, 50);
        return configuration.buildSessionFactory();
    }

    /** Runs {@code work} in a new session and transaction, commits, and returns its result. */
    public <T> T fromTransaction(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    /**
     * Runs {@code work} in a new session and transaction and commits. (A separate name from
     * {@link #fromTransaction}: overloading on Function/Consumer makes {@code s -> s.find(..)} ambiguous.)
     */
    public void inTransaction(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            dataSource.close();
        }
    }
}
