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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.EligibilityQuery;
import org.apache.cxf.rt.security.SecurityConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput and latency of verifyEligibility through the whole secured path, on loopback: the
 * pre-stored path (card store, the baseline) against the real-time path (one more signed and encrypted
 * hop to the insurer adapter), in the same run. Not a test: run it by hand (see README) and read the figures.
 * Settings: -Dbench.threads (8), -Dbench.warmup-seconds (60), -Dbench.seconds (30). -Dbench.users=N (0: the demo's
 * clinic manager) sends the requests in turn as N distinct people of the clinic whose passwords are hashed at
 * production cost (-Dbench.pbkdf2-iterations, default {@link PasswordHasher#RECOMMENDED_ITERATIONS}), made once and
 * kept in -Dbench.dir (target/bench-data): the cost of the password check per person, not of the rest of the path.
 */
public final class VerificationBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationBenchmark.class);

    private VerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 60));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        int userCount = Integer.getInteger("bench.users", 0);
        int iterations = Integer.getInteger("bench.pbkdf2-iterations", PasswordHasher.RECOMMENDED_ITERATIONS);
        BenchUsers users = userCount > 0
                ? BenchUsers.loadOrCreate(Path.of(System.getProperty("bench.dir", "target/bench-data")), userCount,
                iterations) : null;
        Path dir = Files.createTempDirectory("center-bench");
        try (BenchmarkAccess stack = BenchmarkAccess.start(dir, users == null ? Map.of()
                : Map.of("center.password.pbkdf2-iterations", String.valueOf(iterations)))) {
            List<EligibilityPortType> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                clients.add(stack.client());
            }
            // Sets the person of a thread's client before each call; nothing to do for the demo's own person.
            Consumer<EligibilityPortType> beforeEachCall = client -> { };
            if (users != null) {
                stack.addClinicStaff(users.hashes);
                List<String> ids = List.copyOf(users.hashes.keySet());
                AtomicLong turn = new AtomicLong();
                // Each thread has its own client, so its request context can name the next person before each call.
                beforeEachCall = client -> {
                    Map<String, Object> context = ((BindingProvider) client).getRequestContext();
                    context.put(SecurityConstants.USERNAME, ids.get((int) (turn.getAndIncrement() % ids.size())));
                    context.put(SecurityConstants.PASSWORD, users.password);
                };
                LOG.info("{} distinct users in turn, passwords hashed with {} PBKDF2 iterations", ids.size(),
                        iterations);
            }
            EligibilityQuery preStored = query("33120015", "大阪", "100");
            EligibilityQuery realTime = query("00000001", "東京", "001");
            if (users != null) {
                // Every person's first check misses the credential cache and pays the slow hash: measured apart,
                // so that the warm-up and the measured runs see the steady state of a working day.
                run("first check of each of " + users.hashes.size() + " users (pre-stored)", clients, beforeEachCall,
                        users.hashes.size(), preStored);
            }
            run("warm-up (both paths)", clients, beforeEachCall, warmup, preStored, realTime);
            Result baseline = run("pre-stored (baseline)", clients, beforeEachCall, measure, preStored);
            Result live = run("real-time", clients, beforeEachCall, measure, realTime);
            LOG.info("real-time costs {}x the baseline's median latency, {}% of its throughput",
                    String.format("%.2f", live.percentile(50) / baseline.percentile(50)),
                    Math.round(100 * live.throughput() / baseline.throughput()));
        }
    }

    private static Result run(String name, List<EligibilityPortType> clients,
                              Consumer<EligibilityPortType> beforeEachCall, Duration length,
                              EligibilityQuery... queries) throws Exception {
        return run(name, clients, beforeEachCall, length, Long.MAX_VALUE, queries);
    }

    /** Exactly {@code calls} calls, however long they take. */
    private static Result run(String name, List<EligibilityPortType> clients,
                              Consumer<EligibilityPortType> beforeEachCall, long calls,
                              EligibilityQuery... queries) throws Exception {
        return run(name, clients, beforeEachCall, Duration.ofDays(1), calls, queries);
    }

    private static Result run(String name, List<EligibilityPortType> clients,
                              Consumer<EligibilityPortType> beforeEachCall, Duration length, long calls,
                              EligibilityQuery... queries) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong remaining = new AtomicLong(calls);
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        AtomicInteger errors = new AtomicInteger();
        List<Future<List<Long>>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (EligibilityPortType client : clients) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end && remaining.getAndDecrement() > 0; i++) {
                    beforeEachCall.accept(client);
                    long t0 = System.nanoTime();
                    try {
                        client.verifyEligibility(queries[i % queries.length]);
                        latencies.add(System.nanoTime() - t0);
                    } catch (RuntimeException | jp.hokensho.contract.eligibility.InvalidRequestFault e) {
                        errors.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        pool.shutdown();
        Result result = new Result(all.stream().mapToLong(Long::longValue).sorted().toArray(),
                (System.nanoTime() - started) / 1e9, errors.get());
        LOG.info("{}: {} requests, {} errors, {} req/s, p50 {} ms, p95 {} ms, p99 {} ms ({} threads)", name,
                result.latencies.length, result.errors, String.format("%.1f", result.throughput()),
                String.format("%.1f", result.percentile(50)), String.format("%.1f", result.percentile(95)),
                String.format("%.1f", result.percentile(99)), clients.size());
        return result;
    }

    private static EligibilityQuery query(String insurer, String symbol, String number) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurer);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setTargetDate(LocalDate.of(2005, 7, 8));
        return query;
    }

    /** Latencies (ns, sorted) of one run. */
    private record Result(long[] latencies, double seconds, int errors) {
        double throughput() {
            return latencies.length / seconds;
        }

        double percentile(int p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, index)] / 1e6;
        }

        @Override
        public String toString() {
            return Arrays.toString(latencies);
        }
    }
}
