package jp.hokensho.center.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop load: one thread per client, each sending verifyEligibility as soon as its previous answer came back,
 * until the time is up or the given number of calls is made. Answers other than VALID count as errors: the paths
 * measured all answer VALID when they work, so a faster error path cannot pass for a faster verification.
 */
final class LoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final int ERRORS_LOGGED = 3;

    private final List<EligibilityPortType> clients;
    private final Consumer<EligibilityPortType> beforeEachCall;
    private final EligibilityQuery query;
    private final Supplier<CpuMeter> meters;

    /** @param beforeEachCall sets the person of a thread's client before each call (the many-users path) */
    LoadRun(List<EligibilityPortType> clients, Consumer<EligibilityPortType> beforeEachCall, EligibilityQuery query) {
        this(clients, beforeEachCall, query, ServerCpuMeter::start);
    }

    /** @param meters starts the server's CPU meter of each run (the server in this JVM or in another) */
    LoadRun(List<EligibilityPortType> clients, Consumer<EligibilityPortType> beforeEachCall, EligibilityQuery query,
            Supplier<CpuMeter> meters) {
        this.clients = clients;
        this.beforeEachCall = beforeEachCall;
        this.query = query;
        this.meters = meters;
    }

    Measurement forDuration(String path, Duration length) throws Exception {
        return run(path, length, Long.MAX_VALUE);
    }

    /** Exactly {@code calls} calls, however long they take. */
    Measurement calls(String path, long calls) throws Exception {
        return run(path, Duration.ofDays(1), calls);
    }

    private Measurement run(String path, Duration length, long calls) throws Exception {
        AtomicLong remaining = new AtomicLong(calls);
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        List<Future<long[]>> futures = new ArrayList<>();
        CpuMeter meter = meters.get();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        try {
            for (EligibilityPortType client : clients) {
                futures.add(pool.submit(() -> {
                    meter.clientThread(Thread.currentThread());
                    return callUntil(client, end, remaining, errors, path);
                }));
            }
            List<long[]> perThread = new ArrayList<>();
            for (Future<long[]> future : futures) {
                perThread.add(future.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ServerCpuMeter.Cpu cpu = meter.stop();
            long[] all = perThread.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
            Measurement result = new Measurement(path, clients.size(), all, all.length, seconds, errors.get(), cpu,
                    Machine.loadAverage());
            LOG.info("{} ({} callers): {} answers, {} errors, {} req/s, p50 {} ms, p90 {} ms, p99 {} ms, "
                            + "server CPU {} ms/req, load {}", path, clients.size(), all.length, errors.get(),
                    String.format("%.1f", result.throughput()), String.format("%.1f", result.percentile(50)),
                    String.format("%.1f", result.percentile(90)), String.format("%.1f", result.percentile(99)),
                    String.format("%.2f", result.serverCpuMillisPerRequest()), result.loadAverage());
            return result;
        } finally {
            meter.close();
            pool.shutdownNow();
        }
    }

    private long[] callUntil(EligibilityPortType client, long end, AtomicLong remaining, AtomicInteger errors,
                             String path) {
        long[] latencies = new long[1024];
        int n = 0;
        while (System.nanoTime() < end && remaining.getAndDecrement() > 0) {
            beforeEachCall.accept(client);
            long t0 = System.nanoTime();
            try {
                ResultCode code = client.verifyEligibility(query, null, null).getResultCode();
                long latency = System.nanoTime() - t0;
                if (code != ResultCode.VALID) {
                    logError(errors.incrementAndGet(), path, "answer " + code);
                    continue;
                }
                if (n == latencies.length) {
                    latencies = java.util.Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = latency;
            } catch (RuntimeException | InvalidRequestFault e) {
                logError(errors.incrementAndGet(), path, e.toString());
            }
        }
        return java.util.Arrays.copyOf(latencies, n);
    }

    private static void logError(int count, String path, String what) {
        if (count <= ERRORS_LOGGED) {
            LOG.warn("{}: call failed: {}", path, what);
        }
    }
}
