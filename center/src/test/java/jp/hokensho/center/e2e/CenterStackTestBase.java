package jp.hokensho.center.e2e;

import java.nio.file.Path;
import java.util.Map;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link CenterStack} on a database of its own, started once for the test class and stopped after it. A
 * subclass may choose the database and center settings and check its prerequisites before the start; it sets up
 * its clients in a {@code @BeforeAll} of its own, which JUnit runs after this class's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CenterStackTestBase {
    /** The class's temporary directory: the database in {@code center-db}, the demo's files in {@code demo}. */
    Path dir;
    TestDatabase database;
    CenterStack stack;
    CenterDatabaseQueries db;

    /** The center's database, made in {@code dir}: an embedded H2 one unless a subclass says otherwise. */
    TestDatabase database(Path dir) {
        return TestDatabases.h2(dir);
    }

    /** Center settings that differ from the demo's. */
    Map<String, String> centerOverrides() {
        return Map.of();
    }

    /** Runs before anything is started, e.g. to skip the class when a tool it needs is missing. */
    void checkPrerequisites() throws Exception {
    }

    @BeforeAll
    final void startStack(@TempDir Path dir) throws Exception {
        this.dir = dir;
        checkPrerequisites();
        database = database(dir.resolve("center-db"));
        stack = CenterStack.start(dir.resolve("demo"), database.settings(), centerOverrides());
        db = CenterDatabaseQueries.of(stack);
    }

    @AfterAll
    final void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
