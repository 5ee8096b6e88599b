package jp.hokensho.center.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time spent by the server side of this JVM while a measured run lasts. Client and servers share the JVM, so
 * the process CPU time would count the client's signing and encryption too. This meter samples the CPU time of
 * every live Java thread (ThreadMXBean) and leaves out the threads registered as the client's (the callers and the
 * thread that drives the run) and its own sampling thread. A thread that ends between two samples loses at most one
 * interval of its time (interval 100 ms); GC and JIT compiler threads are not Java threads and are not counted, so
 * the figure is the server's own work, a lower bound of its cost. The whole process CPU time is kept alongside.
 */
final class ServerCpuMeter implements CpuMeter {
    private static final long INTERVAL_MILLIS = 100;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Long> clientThreads = ConcurrentHashMap.newKeySet();
    /** Thread id → CPU ns when first seen in this run, and when last seen. */
    private final Map<Long, Long> first = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Thread sampler;
    private final long processStart;
    private final Optional<Long> databaseStart = DatabaseServerCpu.nanos();
    private volatile boolean running = true;

    private ServerCpuMeter() {
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        processStart = processCpuNanos();
        sample(true);
        sampler = new Thread(this::loop, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring now; the calling thread counts as the client's. */
    static ServerCpuMeter start() {
        ServerCpuMeter meter = new ServerCpuMeter();
        meter.clientThread(Thread.currentThread());
        return meter;
    }

    @Override
    public void clientThread(Thread thread) {
        clientThreads.add(thread.getId());
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sample(false);
        }
    }

    private synchronized void sample(boolean initial) {
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            // A thread born during the run started from zero: all its time belongs to the run.
            first.putIfAbsent(id, initial ? cpu : 0L);
            last.put(id, cpu);
        }
    }

    /** Stops sampling and gives the server's and the whole process's CPU time since the start, in ns. */
    @Override
    public Cpu stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(false);
        long server = 0;
        synchronized (this) {
            for (Map.Entry<Long, Long> entry : last.entrySet()) {
                long id = entry.getKey();
                if (!clientThreads.contains(id) && id != sampler.getId()) {
                    server += entry.getValue() - first.get(id);
                }
            }
        }
        long database = databaseStart.flatMap(start -> DatabaseServerCpu.nanos().map(end -> end - start))
                .orElse(Cpu.NOT_MEASURED);
        return new Cpu(server, processCpuNanos() - processStart, database);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of a run, ns: the server's threads, and the whole JVM (client, server, GC, JIT); for the stock
     * endpoint in its own JVM, both JVMs together; and the database server's process on this machine
     * ({@link DatabaseServerCpu}), or {@link #NOT_MEASURED}.
     */
    record Cpu(long serverNanos, long processNanos, long databaseNanos) {
        static final long NOT_MEASURED = -1;

        /** A run without a database server of its own to count (H2 in the JVM, the stock endpoint). */
        Cpu(long serverNanos, long processNanos) {
            this(serverNanos, processNanos, NOT_MEASURED);
        }
    }
}
