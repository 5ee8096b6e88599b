package jp.hokensho.portal.bulk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.portal.verify.JapaneseFormat;

/**
 * One upload's verification, kept in its browser session only (never in a URL, a file or the log): the cards,
 * the center's reception number when it runs as a submitted batch, the progress, and at the end the results.
 */
public final class BulkJob {
    private final CardFile file;
    private final String receptionNumber;
    private String status;
    private int done;
    private List<BulkResult> results;

    BulkJob(CardFile file, String receptionNumber) {
        this.file = file;
        this.receptionNumber = receptionNumber;
        this.status = "QUEUED";
    }

    public CardFile file() {
        return file;
    }

    /** The center's 受付番号, or null when the cards were verified at once. */
    public String receptionNumber() {
        return receptionNumber;
    }

    public synchronized String status() {
        return status;
    }

    public synchronized int done() {
        return done;
    }

    public int total() {
        return file.rows().size();
    }

    synchronized void progress(String status, int done) {
        this.status = status;
        this.done = done;
    }

    synchronized void finish(String status, List<BulkResult> results) {
        this.status = status;
        this.results = List.copyOf(results);
        this.done = (int) results.stream().filter(result -> !BulkResult.NOT_VERIFIED.equals(result.code())).count();
    }

    public synchronized boolean finished() {
        return results != null;
    }

    /** The results in file order; empty until {@link #finished()}. */
    public synchronized List<BulkResult> results() {
        return results == null ? List.of() : results;
    }

    /** How many cards got each result, in the order of the single screen's results, then problems; none omitted. */
    public synchronized List<Count> counts() {
        Map<String, Count> counts = new LinkedHashMap<>();
        for (ResultCode code : ResultCode.values()) {
            counts.put(code.name(), new Count(code.name(), JapaneseFormat.result(code), 0));
        }
        for (BulkResult result : results()) {
            counts.merge(result.code(), new Count(result.code(), result.text(), 1),
                    (old, one) -> new Count(old.code(), old.text(), old.count() + 1));
        }
        return List.copyOf(counts.values());
    }

    /** Cards with one result: its code, its text as on 個別認証, how many. */
    public record Count(String code, String text, int count) {
    }
}
