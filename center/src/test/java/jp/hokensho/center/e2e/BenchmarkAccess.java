package jp.hokensho.center.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;

/** Lets the benchmark start the same loopback stack as the end-to-end tests and connect clinic clients. */
public final class BenchmarkAccess implements AutoCloseable {
    private final CenterStack stack;
    private final TestDatabase database;

    private BenchmarkAccess(CenterStack stack, TestDatabase database) {
        this.stack = stack;
        this.database = database;
    }

    public static BenchmarkAccess start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** @param overrides center settings that differ from the demo's */
    public static BenchmarkAccess start(Path dir, Map<String, String> overrides) throws Exception {
        return start(dir, overrides, TestDatabases.Vendor.H2);
    }

    /** @param vendor H2 (a file in {@code dir}) or a new database on the test MariaDB server, dropped on close */
    public static BenchmarkAccess start(Path dir, Map<String, String> overrides, TestDatabases.Vendor vendor)
            throws Exception {
        TestDatabase database = TestDatabases.create(vendor, dir.resolve("db"));
        return new BenchmarkAccess(CenterStack.start(dir.resolve("demo"), database.settings(), overrides), database);
    }

    public EligibilityPortType client() throws Exception {
        return ClinicClient.connect(stack.client());
    }

    /** A client with the demo clinic's key and person, sending to another endpoint (the stock reference). */
    public EligibilityPortType client(String endpoint) throws Exception {
        Properties client = stack.client();
        client.setProperty("endpoint", endpoint);
        return ClinicClient.connect(client);
    }

    /** The demo center's configuration file: its keystore, truststore and their passwords. */
    public Properties centerProperties() throws IOException {
        return ClinicClient.load(stack.demo.centerProperties());
    }

    /** The demo clinic's client file: its person and password. */
    public Properties clientProperties() throws IOException {
        return stack.client();
    }

    public static int freePort() throws IOException {
        return CenterStack.freePort();
    }

    /** Adds people of the demo clinic who may verify cards, with password hashes made beforehand. */
    public void addClinicStaff(Map<String, String> passwordHashes) {
        UserAccountStore users = new UserAccountStore(stack.center.database());
        passwordHashes.forEach((userId, hash) -> users.create(userId, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:STAFF",
                hash));
    }

    /** The center's pool, for the statement counts of {@code bench.StatementCount}. */
    public javax.sql.DataSource centerDataSource() {
        return stack.center.database().dataSource();
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            database.close();
        }
    }
}
