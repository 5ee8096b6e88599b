package jp.hokensho.center.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.batch.broker.TestBroker;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.types.EligibilityAnswer;
import org.apache.cxf.endpoint.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speed of the center against a stock CXF + WSS4J endpoint with the same policy and keys, in one run, on loopback:
 * the demo center and insurer adapter (as in the end-to-end tests) and the callers in this JVM, the stock endpoint in
 * a JVM of its own (and, for comparison, in this one). Not a test: run it by hand (docs/performance.md has the
 * command) and read the table it prints at the end.
 *
 * <p>Paths, as chosen with {@code -Dbench.paths} (default all, in this order):
 * <ul>
 *   <li>{@code stock-jdk}: {@link StockEligibilityEndpoint} in a JVM of its own on the JDK's crypto providers
 *       ({@link StockJdkProcess}), issue 10's reference: every ratio is taken against it when it ran;</li>
 *   <li>{@code stock}: the same endpoint in this JVM, hence on the native crypto provider the center installs
 *       JVM-wide; the reference of the ratios when {@code stock-jdk} did not run;</li>
 *   <li>{@code pre-stored}: verifyEligibility of a card the center stores (insurer 33120015);</li>
 *   <li>{@code real-time}: verifyEligibility of a card of the demo's real-time insurer (00000001), one more signed
 *       and encrypted hop to the insurer adapter;</li>
 *   <li>{@code users}: pre-stored, sent in turn as {@code bench.users} distinct people whose passwords are hashed at
 *       production cost ({@code bench.pbkdf2-iterations}); each person's first check (a credential-cache miss) is
 *       a row of its own, then the steady state is measured;</li>
 *   <li>{@code batch}: an asynchronous batch of {@code bench.batch-items} pre-stored cards, submit to done; through
 *       the database poll, or with {@code -Dbench.broker=true} carried by RabbitMQ on 127.0.0.1:5672.</li>
 * </ul>
 * The single paths run at every level of {@code -Dbench.concurrency} (comma-separated callers), each with its own
 * warm-up ({@code bench.warmup-seconds}) and measured run ({@code bench.seconds}); {@code -Dbench.rounds=N} repeats
 * all that N times in the same run (rows "#1", "#2", …), which shows the run's own noise. The people of the users
 * path are hashed once and kept in {@code bench.dir}; the database is new in every run (H2 by default, or
 * {@code -Dbench.db=mariadb}) so that runs are alike. Server CPU: see {@link ServerCpuMeter}.
 */
public final class VerificationBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationBenchmark.class);
    private static final List<String> PATHS = List.of("stock-jdk", "stock", "pre-stored", "real-time", "users",
            "batch");
    /** Every path: the in-process stock endpoint too, the stricter reference (native crypto, the callers' JIT). */
    private static final List<String> DEFAULT_PATHS = PATHS;

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> paths = list(System.getProperty("bench.paths", String.join(",", DEFAULT_PATHS)));
        for (String path : paths) {
            if (!PATHS.contains(path)) {
                throw new IllegalArgumentException("bench.paths: unknown path '" + path + "'; known: " + PATHS);
            }
        }
        List<Integer> concurrency = list(System.getProperty("bench.concurrency", "16")).stream()
                .map(Integer::valueOf).toList();
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 15));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
        int userCount = Integer.getInteger("bench.users", 100);
        int iterations = Integer.getInteger("bench.pbkdf2-iterations", PasswordHasher.RECOMMENDED_ITERATIONS);
        int batchItems = Integer.getInteger("bench.batch-items", 10_000);
        // Two rounds by default: on a busy 2-core machine the JIT is still compiling during the first round (the stock
        // endpoint's CPU per request halved from round 1 to round 2 in a measured run); read the last round.
        int rounds = Integer.getInteger("bench.rounds", 2);
        int batchWarmupItems = Integer.getInteger("bench.batch-warmup-items", 10_000);
        TestDatabases.Vendor vendor = TestDatabases.Vendor.valueOf(
                System.getProperty("bench.db", "h2").toUpperCase(java.util.Locale.ROOT));
        Path benchDir = Path.of(System.getProperty("bench.dir", "target/bench-data"));
        if (vendor == TestDatabases.Vendor.MARIADB) {
            DatabaseServerCpu.countLocalMariaDb();
        }
        // The callers' URLConnection conduit keeps at most 5 idle connections per host by default: more callers
        // would open a new connection for most calls. Must be set before the first HTTP connection of the JVM.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(64,
                concurrency.stream().mapToInt(Integer::intValue).max().orElse(16) * 2)));

        String machine = Machine.describe();
        String loadBefore = Machine.loadAverages();
        LOG.info("machine: {}; load average at start {}", machine, loadBefore);
        BenchUsers users = paths.contains("users") ? BenchUsers.loadOrCreate(benchDir, userCount, iterations) : null;
        Path dir = Files.createTempDirectory("center-bench");
        Map<String, String> overrides = new HashMap<>();
        if (users != null) {
            overrides.put("center.password.pbkdf2-iterations", String.valueOf(iterations));
        }
        // -Dbench.broker=true: the batch is carried by RabbitMQ (127.0.0.1:5672, a queue of the run's own).
        TestBroker broker = Boolean.getBoolean("bench.broker") ? TestBroker.create() : null;
        if (broker != null) {
            overrides.putAll(broker.centerSettings(dir.resolve("broker"), 5));
        }
        List<Measurement> results = new ArrayList<>();
        ClientBus bus = new ClientBus();
        try (BenchmarkAccess stack = BenchmarkAccess.start(dir, overrides, vendor)) {
            Server stock = null;
            String stockAddress = null;
            StockJdkProcess stockJdk = null;
            try {
                if (paths.contains("stock") || paths.contains("stock-jdk")) {
                    // The stock endpoint answers what the center answers for the pre-stored card: the same bytes.
                    EligibilityAnswer answer = bus.with(stack::client)
                            .verifyEligibility(PathRunner.PRE_STORED, null, null);
                    Properties center = stack.centerProperties();
                    String user = stack.clientProperties().getProperty("username");
                    String password = stack.clientProperties().getProperty("password");
                    if (paths.contains("stock-jdk")) {
                        stockJdk = StockJdkProcess.start(dir, stockAddress(), center, user, password, answer);
                    }
                    if (paths.contains("stock")) {
                        stockAddress = stockAddress();
                        stock = StockEligibilityEndpoint.start(stockAddress, center, user, password, answer);
                        LOG.info("stock CXF + WSS4J endpoint in this JVM at {}", stockAddress);
                    }
                }
                if (users != null) {
                    stack.addClinicStaff(users.hashes);
                }
                PathRunner runner = new PathRunner(stack, bus, users, stockAddress, stockJdk, warmup, measure,
                        results);
                for (int round = 1; round <= rounds; round++) {
                    String suffix = rounds == 1 ? "" : " #" + round;
                    for (int callers : concurrency) {
                        for (String path : paths) {
                            if (path.equals("batch")) {
                                // One batch per run, in the last (warmest) round: it has one submitter and takes long.
                                if (callers == concurrency.get(0) && round == rounds) {
                                    runner.batch(batchWarmupItems, batchItems);
                                }
                            } else {
                                runner.single(path, suffix, callers);
                            }
                        }
                    }
                }
            } finally {
                if (stock != null) {
                    stock.destroy();
                }
                if (stockJdk != null) {
                    stockJdk.close();
                }
            }
        } finally {
            bus.shutdown();
            if (broker != null) {
                broker.close();
            }
        }
        String table = ResultTable.markdown(results);
        // The benchmark's output for people: the table to read or paste into docs/performance.md.
        System.out.println();
        System.out.println("machine: " + machine);
        System.out.println("load average (1, 5, 15 min): at start " + loadBefore + ", at end "
                + Machine.loadAverages());
        System.out.println("settings: paths " + paths + ", callers " + concurrency + ", warm-up " + warmup.toSeconds()
                + " s, measured " + measure.toSeconds() + " s, rounds " + rounds + ", database " + vendor
                + (users == null ? "" : ", users " + users.hashes.size() + " at " + iterations + " PBKDF2 iterations")
                + (paths.contains("batch") ? ", batch " + batchItems + " items"
                        + (broker == null ? " (database poll)" : " (through RabbitMQ)") : ""));
        System.out.println();
        System.out.print(table);
    }

    private static String stockAddress() throws java.io.IOException {
        return "http://localhost:" + BenchmarkAccess.freePort() + "/bench/stock-eligibility";
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
