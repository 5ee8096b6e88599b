package jp.hokensho.center.bench;

import jakarta.xml.ws.BindingProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.rt.security.SecurityConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speed of the center against a stock CXF + WSS4J endpoint with the same policy and keys, in one run, on loopback:
 * the demo center and insurer adapter (as in the end-to-end tests), the stock endpoint and the callers all in this
 * JVM. Not a test: run it by hand (docs/performance.md has the command) and read the table it prints at the end.
 *
 * <p>Paths, as chosen with {@code -Dbench.paths} (default all, in this order):
 * <ul>
 *   <li>{@code stock}: {@link StockEligibilityEndpoint}, the reference every ratio is taken against;</li>
 *   <li>{@code pre-stored}: verifyEligibility of a card the center stores (insurer 33120015);</li>
 *   <li>{@code real-time}: verifyEligibility of a card of the demo's real-time insurer (00000001), one more signed
 *       and encrypted hop to the insurer adapter;</li>
 *   <li>{@code users}: pre-stored, sent in turn as {@code bench.users} distinct people whose passwords are hashed at
 *       production cost ({@code bench.pbkdf2-iterations}); each person's first check (a credential-cache miss) is
 *       a row of its own, then the steady state is measured;</li>
 *   <li>{@code batch}: an asynchronous batch of {@code bench.batch-items} pre-stored cards, submit to done.</li>
 * </ul>
 * The single paths run at every level of {@code -Dbench.concurrency} (comma-separated callers), each with its own
 * warm-up ({@code bench.warmup-seconds}) and measured run ({@code bench.seconds}). The people of the users path are
 * hashed once and kept in {@code bench.dir}; the database is new in every run (H2 by default, or
 * {@code -Dbench.db=mariadb}) so that runs are alike. Server CPU: see {@link ServerCpuMeter}.
 */
public final class VerificationBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationBenchmark.class);
    private static final List<String> PATHS = List.of("stock", "pre-stored", "real-time", "users", "batch");

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> paths = list(System.getProperty("bench.paths", String.join(",", PATHS)));
        for (String path : paths) {
            if (!PATHS.contains(path)) {
                throw new IllegalArgumentException("bench.paths: unknown path '" + path + "'; known: " + PATHS);
            }
        }
        List<Integer> concurrency = list(System.getProperty("bench.concurrency", "16")).stream()
                .map(Integer::valueOf).toList();
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 20));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
        int userCount = Integer.getInteger("bench.users", 100);
        int iterations = Integer.getInteger("bench.pbkdf2-iterations", PasswordHasher.RECOMMENDED_ITERATIONS);
        int batchItems = Integer.getInteger("bench.batch-items", 10_000);
        int batchWarmupItems = Integer.getInteger("bench.batch-warmup-items", 1_000);
        TestDatabases.Vendor vendor = TestDatabases.Vendor.valueOf(
                System.getProperty("bench.db", "h2").toUpperCase(java.util.Locale.ROOT));
        Path benchDir = Path.of(System.getProperty("bench.dir", "target/bench-data"));
        // The callers' URLConnection conduit keeps at most 5 idle connections per host by default: more callers
        // would open a new connection for most calls. Must be set before the first HTTP connection of the JVM.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(64,
                concurrency.stream().mapToInt(Integer::intValue).max().orElse(16) * 2)));

        String machine = Machine.describe();
        String loadBefore = Machine.loadAverages();
        LOG.info("machine: {}; load average at start {}", machine, loadBefore);
        BenchUsers users = paths.contains("users") ? BenchUsers.loadOrCreate(benchDir, userCount, iterations) : null;
        Map<String, String> overrides = users == null ? Map.of()
                : Map.of("center.password.pbkdf2-iterations", String.valueOf(iterations));
        Path dir = Files.createTempDirectory("center-bench");
        List<Measurement> results = new ArrayList<>();
        ClientBus bus = new ClientBus();
        try (BenchmarkAccess stack = BenchmarkAccess.start(dir, overrides, vendor)) {
            // Cards the demo answers VALID on these dates (any other answer counts as an error).
            EligibilityQuery preStored = query("33120015", "大阪", "100", LocalDate.of(2025, 6, 1));
            EligibilityQuery realTime = query("00000001", "東京", "001", LocalDate.of(2005, 7, 8));
            Server stock = null;
            String stockAddress = null;
            if (paths.contains("stock")) {
                // The stock endpoint answers what the center answers for the pre-stored card: the same bytes back.
                EligibilityAnswer answer = bus.with(stack::client).verifyEligibility(preStored);
                stockAddress = "http://localhost:" + BenchmarkAccess.freePort() + "/bench/stock-eligibility";
                stock = StockEligibilityEndpoint.start(stockAddress, stack.centerProperties(),
                        stack.clientProperties().getProperty("username"),
                        stack.clientProperties().getProperty("password"), answer);
                LOG.info("stock CXF + WSS4J endpoint at {}", stockAddress);
            }
            String stockEndpoint = stockAddress;
            try {
                if (users != null) {
                    stack.addClinicStaff(users.hashes);
                }
                boolean usersFirstCheckDone = false;
                for (int callers : concurrency) {
                    for (String path : paths) {
                        switch (path) {
                            case "stock" -> results.add(measure(path, clients(bus, callers,
                                    () -> stack.client(stockEndpoint)),
                                    none(), preStored, warmup, measure));
                            case "pre-stored" -> results.add(measure(path, clients(bus, callers, stack::client),
                                    none(), preStored, warmup, measure));
                            case "real-time" -> results.add(measure(path, clients(bus, callers, stack::client),
                                    none(), realTime, warmup, measure));
                            case "users" -> {
                                List<EligibilityPortType> clients = clients(bus, callers, stack::client);
                                Consumer<EligibilityPortType> nextPerson = inTurn(users);
                                if (!usersFirstCheckDone) {
                                    // Every person's first check misses the credential cache and pays the slow hash:
                                    // measured apart, so that the measured run sees a working day's steady state.
                                    results.add(new LoadRun(clients, nextPerson, preStored)
                                            .calls("users (first check)", users.hashes.size()));
                                    usersFirstCheckDone = true;
                                }
                                results.add(measure("users (" + users.hashes.size() + ")", clients, nextPerson,
                                        preStored, warmup, measure));
                            }
                            case "batch" -> {
                                // One batch per run, not per concurrency level: it has one submitter.
                                if (callers == concurrency.get(0)) {
                                    BatchRun batch = new BatchRun(bus.with(stack::client), Duration.ofMinutes(10));
                                    if (batchWarmupItems > 0) {
                                        batch.run("batch warm-up", batchWarmupItems);
                                    }
                                    results.add(batch.run("batch " + batchItems, batchItems));
                                }
                            }
                            default -> throw new IllegalStateException(path);
                        }
                    }
                }
            } finally {
                if (stock != null) {
                    stock.destroy();
                }
            }
        } finally {
            bus.shutdown();
        }
        String table = ResultTable.markdown(results);
        // The benchmark's output for people: the table to read or paste into docs/performance.md.
        System.out.println();
        System.out.println("machine: " + machine);
        System.out.println("load average (1, 5, 15 min): at start " + loadBefore + ", at end " + Machine.loadAverages());
        System.out.println("settings: paths " + paths + ", callers " + concurrency + ", warm-up " + warmup.toSeconds()
                + " s, measured " + measure.toSeconds() + " s, database " + vendor
                + (users == null ? "" : ", users " + users.hashes.size() + " at " + iterations + " PBKDF2 iterations")
                + (paths.contains("batch") ? ", batch " + batchItems + " items" : ""));
        System.out.println();
        System.out.print(table);
    }

    private static Measurement measure(String path, List<EligibilityPortType> clients,
                                       Consumer<EligibilityPortType> beforeEachCall, EligibilityQuery query,
                                       Duration warmup, Duration measure) throws Exception {
        LoadRun load = new LoadRun(clients, beforeEachCall, query);
        if (!warmup.isZero()) {
            load.forDuration(path + " warm-up", warmup);
        }
        return load.forDuration(path, measure);
    }

    private interface ClientMaker {
        EligibilityPortType make() throws Exception;
    }

    private static List<EligibilityPortType> clients(ClientBus bus, int count, ClientMaker maker) throws Exception {
        List<EligibilityPortType> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(bus.with(maker::make));
        }
        return clients;
    }

    private static Consumer<EligibilityPortType> none() {
        return client -> { };
    }

    /** Names the next of the many people before each call (each thread has its own client and request context). */
    private static Consumer<EligibilityPortType> inTurn(BenchUsers users) {
        List<String> ids = List.copyOf(users.hashes.keySet());
        AtomicLong turn = new AtomicLong();
        return client -> {
            Map<String, Object> context = ((BindingProvider) client).getRequestContext();
            context.put(SecurityConstants.USERNAME, ids.get((int) (turn.getAndIncrement() % ids.size())));
            context.put(SecurityConstants.PASSWORD, users.password);
        };
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static EligibilityQuery query(String insurer, String symbol, String number, LocalDate date) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setTargetDate(date);
        return query;
    }
}
