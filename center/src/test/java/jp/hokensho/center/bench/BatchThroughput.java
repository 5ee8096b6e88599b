package jp.hokensho.center.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.hokensho.center.e2e.BenchmarkAccess;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput of the asynchronous batch path: a demo center on loopback, one pre-stored batch submitted through the
 * real signed and encrypted client (submitBatch), then getBatchResult polled until the job is DONE; prints items/s
 * from the submit call to the first poll that sees DONE, and the CPU time this JVM (client and center) spent on it.
 * Not a test: run it by hand, e.g. {@code java -Xmx1g -cp <test classpath> jp.hokensho.center.bench.BatchThroughput}
 * (see docs/performance.md).
 * Settings: -Dbench.batch.items (10000), -Dbench.batch.rounds (2, the first one also warms up),
 * -Dbench.batch.poll-millis (50, how often the client asks).
 */
public final class BatchThroughput {
    private static final Logger LOG = LoggerFactory.getLogger(BatchThroughput.class);

    private BatchThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("bench.batch.items", 10_000);
        int rounds = Integer.getInteger("bench.batch.rounds", 2);
        long pollMillis = Long.getLong("bench.batch.poll-millis", 50);
        Path dir = Files.createTempDirectory("center-batch-bench");
        try (BenchmarkAccess stack = BenchmarkAccess.start(dir, Map.of())) {
            EligibilityPortType clinic = stack.client();
            List<BatchItem> batch = preStoredItems(items);
            for (int round = 1; round <= rounds; round++) {
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long cpuBefore = processCpuNanos();
                long started = System.nanoTime();
                String number = clinic.submitBatch(batch).getReceptionNumber();
                long submitted = System.nanoTime();
                BatchProgress progress = clinic.getBatchResult(number, 0, 0);
                while (progress.getStatus() != BatchStatus.DONE) {
                    Thread.sleep(pollMillis);
                    progress = clinic.getBatchResult(number, 0, 0);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
                // CPU seconds of this JVM (client and center together) say more than wall time on a shared machine.
                LOG.info("round {}: {} pre-stored items, submit {} ms, submit to done {} s: {} items/s;"
                                + " {} CPU s in this JVM, {} items per CPU second (load average before {})", round,
                        items, Math.round((submitted - started) / 1e6), String.format("%.2f", seconds),
                        Math.round(items / seconds), String.format("%.1f", cpuSeconds),
                        Math.round(items / cpuSeconds), String.format("%.2f", load));
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<BatchItem> preStoredItems(int count) {
        List<BatchItem> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BatchItem item = new BatchItem();
            item.setReference("bench-" + i);
            item.setInsurerNumber("33120015");
            item.setSymbol("大阪");
            item.setNumber("100");
            item.setTargetDate("2025-06-01");
            batch.add(item);
        }
        return batch;
    }
}
