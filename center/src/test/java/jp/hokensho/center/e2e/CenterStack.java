package jp.hokensho.center.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.audit.CheckpointSignature;
import jp.hokensho.center.demo.DemoEnvironment;
import jp.hokensho.center.demo.DemoOptions;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;

/**
 * The whole system on loopback for a test: the demo's keys and data, a real insurer adapter and the
 * center, each on a free port, on the given database. Cheap password hashing keeps tests fast.
 */
final class CenterStack implements AutoCloseable {
    // Long enough for the first call of a cold JVM on a loaded 2-core machine (a 2 s limit ran out there and turned
    // VALID into INSURER_UNAVAILABLE); no test waits for this timeout to fire: a stopped insurer refuses at once.
    static final long INSURER_TIMEOUT_MILLIS = 10_000;
    static final int TEST_PBKDF2_ITERATIONS = 1_000;

    final DemoEnvironment demo;
    // Replaced by restartCenter (bulk verification's restart test); otherwise fixed for the stack's life.
    CenterApplication center;
    private InsurerAdapter adapter;

    private CenterStack(DemoEnvironment demo, CenterApplication center, InsurerAdapter adapter) {
        this.demo = demo;
        this.center = center;
        this.adapter = adapter;
    }

    static CenterStack start(Path dir, DatabaseSettings centerDatabase) throws IOException {
        return start(dir, centerDatabase, Map.of());
    }

    /** @param overrides center settings that differ from the demo's (e.g. a short circuit-breaker period) */
    static CenterStack start(Path dir, DatabaseSettings centerDatabase, Map<String, String> overrides)
            throws IOException {
        DemoEnvironment demo = new DemoEnvironment(new DemoOptions(dir, freePort(), freePort(), centerDatabase,
                TEST_PBKDF2_ITERATIONS, INSURER_TIMEOUT_MILLIS), Clock.systemUTC()).prepare();
        InsurerAdapter adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
        CenterApplication center = CenterApplication.start(
                CenterSettings.load(demo.centerProperties(), overrides), Clock.systemUTC());
        return new CenterStack(demo, center, adapter);
    }

    /** Stops the center as a restart would and starts a new one on the same database, keys and port. */
    void restartCenter(Map<String, String> overrides) throws IOException {
        center.close();
        // Stopping the center's CXF endpoints closes the JVM-wide EHCache token stores the in-process adapter's
        // endpoint uses too (a test artefact: in production they are separate processes), so it restarts as well.
        restartInsurer();
        center = CenterApplication.start(CenterSettings.load(demo.centerProperties(), overrides), Clock.systemUTC());
    }

    /** The center's key as its configuration names it: signs and verifies the audit checkpoints. */
    CheckpointSignature checkpointSignature() {
        return CenterApplication.checkpointSignature(CenterSettings.load(demo.centerProperties(), Map.of()));
    }

    /** audit-verify's check, against the center's certificate. */
    AuditChainReport verifyAuditChain() {
        return new AuditChainVerifier(center.database(), checkpointSignature()).verify();
    }

    /** The center staff's key and person (the system administrator), for the AdminService. */
    Properties consoleClient() throws IOException {
        return ClinicClient.load(demo.consoleClientProperties());
    }

    Properties client() throws IOException {
        return ClinicClient.load(demo.clientProperties());
    }

    void stopInsurer() {
        adapter.stop();
    }

    void restartInsurer() throws IOException {
        adapter.stop();
        adapter = InsurerAdapter.start(AdapterSettings.load(demo.adapterProperties()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        center.close();
        adapter.stop();
    }
}
