package jp.hokensho.insurer.sync;

import java.util.ArrayList;
import java.util.List;

import jp.hokensho.contract.registry.RegistrationResult;

/**
 * Counts of one insurer's sync run; once pinned (a card refused), the cursor no longer moves in this run.
 */
final class SyncProgress {
    int chunks;
    int sent;
    int inserted;
    int updated;
    int unchanged;
    boolean pinned;
    String failure;
    final List<String> problems = new ArrayList<>();

    void count(int cards, RegistrationResult r) {
        chunks++;
        sent += cards;
        inserted += r.getInserted();
        updated += r.getUpdated();
        unchanged += r.getUnchanged();
    }

    SyncReport.InsurerRun result(String insurer, long from, long acked) {
        return new SyncReport.InsurerRun(insurer, from, acked, chunks, sent, inserted, updated, unchanged,
                problems, failure);
    }
}
