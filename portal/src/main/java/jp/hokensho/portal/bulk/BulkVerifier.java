package jp.hokensho.portal.bulk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.portal.center.CenterSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a checked card file to the center: up to {@code syncMaxRows} cards with verifyEligibilityBatch (the
 * answer comes back at once), more with submitBatch, whose progress and then results are read with
 * getBatchResult. Logs counts and reception numbers only, never card data.
 */
public final class BulkVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(BulkVerifier.class);
    /** The most results getBatchResult gives in one page. */
    private static final int PAGE = 1000;

    private final int syncMaxRows;

    public BulkVerifier(int syncMaxRows) {
        this.syncMaxRows = syncMaxRows;
    }

    public BulkJob start(CenterSession center, CardFile file) {
        List<BatchItem> items = file.rows().stream().map(CardRow::item).toList();
        if (items.size() <= syncMaxRows) {
            List<BatchItemResult> answers = center.verifyBatch(items);
            BulkJob job = new BulkJob(file, null);
            job.finish(BatchStatus.DONE.value(), results(file, answers));
            LOG.info("bulk verification of {} cards by {} answered at once", items.size(), center.userId());
            return job;
        }
        BatchReception reception = center.submitBatch(items);
        LOG.info("bulk verification of {} cards by {} submitted as batch {}", items.size(), center.userId(),
                reception.getReceptionNumber());
        return new BulkJob(file, reception.getReceptionNumber());
    }

    /** A batch this terminal submitted earlier (its reception number kept), followed again with {@link #refresh}. */
    public BulkJob resume(CardFile file, String receptionNumber) {
        return new BulkJob(file, receptionNumber);
    }

    /** Asks the center how far a submitted batch is; once it has ended, reads all its results into the job. */
    public void refresh(CenterSession center, BulkJob job) {
        if (job.finished()) {
            return;
        }
        BatchProgress progress = center.batchResult(job.receptionNumber(), 0, 0);
        BatchStatus status = progress.getStatus();
        if (status == BatchStatus.QUEUED || status == BatchStatus.RUNNING) {
            job.progress(status.value(), progress.getDone());
            return;
        }
        List<BatchItemResult> all = new ArrayList<>();
        for (int offset = 0; offset < job.total(); offset += PAGE) {
            all.addAll(center.batchResult(job.receptionNumber(), offset, PAGE).getResult());
        }
        job.finish(status.value(), results(job.file(), all));
        LOG.info("batch {} of {} ended {}: {} of {} answered", job.receptionNumber(), center.userId(), status.value(),
                job.done(), job.total());
    }

    /** Each card with its result by position; a card the center did not answer is {@link BulkResult#NOT_VERIFIED}. */
    private static List<BulkResult> results(CardFile file, List<BatchItemResult> answers) {
        Map<Integer, BatchItemResult> byPosition = new HashMap<>();
        answers.forEach(answer -> byPosition.put(answer.getPosition(), answer));
        List<BulkResult> results = new ArrayList<>(file.rows().size());
        for (int i = 0; i < file.rows().size(); i++) {
            results.add(BulkResult.of(file.rows().get(i), byPosition.get(i)));
        }
        return results;
    }
}
