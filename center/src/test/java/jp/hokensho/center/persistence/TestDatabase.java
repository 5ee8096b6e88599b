package jp.hokensho.center.persistence;

/**
 * A database made for one test class: its settings, and {@link #close()} to drop it (MariaDB) or
 * leave it to the temporary directory (H2).
 */
public final class TestDatabase implements AutoCloseable {
    private final TestDatabases.Vendor vendor;
    private final DatabaseSettings settings;
    private final Runnable drop;

    TestDatabase(TestDatabases.Vendor vendor, DatabaseSettings settings, Runnable drop) {
        this.vendor = vendor;
        this.settings = settings;
        this.drop = drop;
    }

    public TestDatabases.Vendor vendor() {
        return vendor;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Opens (and migrates) the center's Database on it. */
    public Database open() {
        return Database.open(settings);
    }

    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return vendor + " " + settings.jdbcUrl();
    }
}
