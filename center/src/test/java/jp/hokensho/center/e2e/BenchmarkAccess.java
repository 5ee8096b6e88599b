package jp.hokensho.center.e2e;

import java.nio.file.Path;
import java.util.Map;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;

/** Lets the benchmark start the same loopback stack as the end-to-end tests and connect clinic clients. */
public final class BenchmarkAccess implements AutoCloseable {
    private final CenterStack stack;

    private BenchmarkAccess(CenterStack stack) {
        this.stack = stack;
    }

    public static BenchmarkAccess start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** @param overrides center settings that differ from the demo's */
    public static BenchmarkAccess start(Path dir, Map<String, String> overrides) throws Exception {
        return new BenchmarkAccess(CenterStack.start(dir.resolve("demo"),
                TestDatabases.h2(dir.resolve("db")).settings(), overrides));
    }

    public EligibilityPortType client() throws Exception {
        return ClinicClient.connect(stack.client());
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
        stack.close();
    }
}
