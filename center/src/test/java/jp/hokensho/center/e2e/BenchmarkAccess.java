package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;

/** Lets the benchmark start the same loopback stack as the end-to-end tests and connect clinic clients. */
public final class BenchmarkAccess implements AutoCloseable {
    private final CenterStack stack;

    private BenchmarkAccess(CenterStack stack) {
        this.stack = stack;
    }

    public static BenchmarkAccess start(Path dir) throws Exception {
        return new BenchmarkAccess(CenterStack.start(dir.resolve("demo"),
                TestDatabases.h2(dir.resolve("db")).settings()));
    }

    public EligibilityPortType client() throws Exception {
        return ClinicClient.connect(stack.client());
    }

    @Override
    public void close() {
        stack.close();
    }
}
