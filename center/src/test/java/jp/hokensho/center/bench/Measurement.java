package jp.hokensho.center.bench;

/**
 * One measured run of one path: how many answers, how long, their latencies and the CPU time spent.
 *
 * @param path       the path's name (stock, pre-stored, …)
 * @param callers    concurrent callers (1 for a batch: one submitter)
 * @param latencies  ns, sorted; empty for a batch (its items have no latency of their own)
 * @param count      answered requests, or verified items of a batch
 * @param seconds    wall time of the run
 * @param errors     failed calls (or items not answered VALID in a batch)
 * @param cpu        CPU time of the server's threads, of the whole JVM and of a local database server during the run
 * @param loadAverage the machine's 1-minute load average at the run's end
 */
record Measurement(String path, int callers, long[] latencies, long count, double seconds, long errors,
                   ServerCpuMeter.Cpu cpu, double loadAverage) {

    double throughput() {
        return count / seconds;
    }

    /** Latency percentile in ms (nearest rank), NaN without latencies. */
    double percentile(int p) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
        return latencies[Math.max(0, index)] / 1e6;
    }

    /** Server CPU ms per answered request (per item for a batch). */
    double serverCpuMillisPerRequest() {
        return count == 0 ? Double.NaN : cpu.serverNanos() / 1e6 / count;
    }

    /** The database server's CPU ms per answered request (per item), NaN where it was not measured. */
    double databaseCpuMillisPerRequest() {
        return count == 0 || cpu.databaseNanos() == ServerCpuMeter.Cpu.NOT_MEASURED ? Double.NaN
                : cpu.databaseNanos() / 1e6 / count;
    }

    /** Whole-JVM CPU ms (client, server, GC, JIT) per answered request. */
    double processCpuMillisPerRequest() {
        return count == 0 ? Double.NaN : cpu.processNanos() / 1e6 / count;
    }
}
