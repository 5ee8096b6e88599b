package jp.hokensho.insurer.sync;

import java.util.List;

/**
 * What one sync run did, per insurer.
 */
public record SyncReport(List<InsurerRun> insurers) {
    public SyncReport {
        insurers = List.copyOf(insurers);
    }

    /**
     * @param fromSeq   the cursor when the run started (0: a full load)
     * @param ackedSeq  the cursor when it ended
     * @param problems  cards the center refused, one line each; the cursor stays before the first of them
     * @param failure   why the run stopped early (the center unreachable, a refused call), or null
     */
    public record InsurerRun(String insurerNumber, long fromSeq, long ackedSeq, int chunks, int cardsSent,
                             int inserted, int updated, int unchanged, List<String> problems, String failure) {
        public InsurerRun {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty() && failure == null;
        }

        @Override
        public String toString() {
            return "insurer " + insurerNumber + ": " + (ok() ? "ok" : "FAILED") + ", cursor " + fromSeq + " -> "
                    + ackedSeq + ", " + cardsSent + " cards in " + chunks + " chunks (inserted " + inserted
                    + ", updated " + updated + ", unchanged " + unchanged + ")"
                    + (problems.isEmpty() ? "" : ", " + problems.size() + " refused")
                    + (failure == null ? "" : ", stopped: " + failure);
        }
    }

    public boolean ok() {
        return insurers.stream().allMatch(InsurerRun::ok);
    }
}
