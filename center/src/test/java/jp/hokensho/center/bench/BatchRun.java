package jp.hokensho.center.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous batch of pre-stored cards, from submitBatch to the moment getBatchResult says DONE: items per
 * second over that time, and the server's CPU per item (the progress polls, every {@link #POLL}, are in it too).
 * After the clock stops, every item's answer is read back (timed on its own and logged: what a caller waits for
 * its results) and anything not VALID counts as an error.
 */
final class BatchRun {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int PAGE = 1000;

    private final EligibilityPortType client;
    private final Duration timeout;

    BatchRun(EligibilityPortType client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    Measurement run(String path, int size) throws Exception {
        List<BatchItem> items = items(size);
        ServerCpuMeter meter = ServerCpuMeter.start();
        try {
            long started = System.nanoTime();
            String number = client.submitBatch(items).getReceptionNumber();
            long submitted = System.nanoTime();
            BatchProgress progress = client.getBatchResult(number, 0, 0);
            long deadline = started + timeout.toNanos();
            while (progress.getStatus() != BatchStatus.DONE && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
                progress = client.getBatchResult(number, 0, 0);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ServerCpuMeter.Cpu cpu = meter.stop();
            double load = Machine.loadAverage();
            if (progress.getStatus() != BatchStatus.DONE) {
                LOG.warn("{}: not done after {}: {}/{} items", path, timeout, progress.getDone(), progress.getTotal());
            }
            long reading = System.nanoTime();
            long valid = countValid(number, progress.getDone());
            double readSeconds = (System.nanoTime() - reading) / 1e9;
            Measurement result = new Measurement(path, 1, new long[0], progress.getDone(), seconds,
                    size - valid, cpu, load);
            LOG.info("{}: {} items in {} s (submit {} ms), {} items/s, {} not VALID, server CPU {} ms/item, load {};"
                            + " results read back in {} s ({} items/s, pages of {})",
                    path, progress.getDone(), String.format("%.1f", seconds),
                    String.format("%.0f", (submitted - started) / 1e6), String.format("%.0f", result.throughput()),
                    size - valid, String.format("%.3f", result.serverCpuMillisPerRequest()), load,
                    String.format("%.1f", readSeconds), String.format("%.0f", progress.getDone() / readSeconds), PAGE);
            return result;
        } finally {
            meter.close();
        }
    }

    private long countValid(String number, int done) throws Exception {
        long valid = 0;
        for (int offset = 0; offset < done; offset += PAGE) {
            List<BatchItemResult> page = client.getBatchResult(number, offset, PAGE).getResult();
            valid += page.stream().filter(r -> r.getAnswer() != null
                    && r.getAnswer().getResultCode() == ResultCode.VALID).count();
        }
        return valid;
    }

    /** The demo's pre-stored card 33120015 大阪 100, VALID on the date; each item is verified and recorded anew. */
    private static List<BatchItem> items(int size) {
        List<BatchItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            BatchItem item = new BatchItem();
            item.setReference("bench-" + i);
            item.setInsurerNumber("33120015");
            item.setSymbol("大阪");
            item.setNumber("100");
            item.setTargetDate("2025-06-01");
            items.add(item);
        }
        return items;
    }
}
