package jp.hokensho.center.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of verifying the audit trail: one {@link ChainReport} per chain (see {@link AuditChains}), each OK
 * with the number of records checked or naming the first bad record of its chain. The accessors of the finding
 * ({@link #finding()}, {@link #chain()}, {@link #position()}, ...) answer for the first chain that failed.
 */
public record AuditChainReport(List<ChainReport> chains) {

    /** What is wrong with a chain, if anything. */
    public enum Finding {
        OK,
        /** A record's content no longer matches its hash, or its hash was recomputed (the next link breaks). */
        ALTERED,
        /** A record that was never appended: beyond the head, or at an impossible position. */
        INSERTED,
        /** Positions are missing: from the middle (a gap) or from the end (the head is further). */
        DELETED,
        /** The last record is not the one the head names, or the chain's head row is missing. */
        HEAD_MISMATCH,
        /** A checkpoint is not signed by the center, does not follow its predecessor, or was altered. */
        CHECKPOINT_INVALID
    }

    /**
     * One chain's outcome.
     *
     * @param position           the position in the chain concerned (for DELETED, the first missing position)
     * @param verificationNumber the record's verification number (for DELETED, the record after the gap, if any)
     * @param anchoredPosition   the last position of the chain a verified signed checkpoint anchors (0 for none);
     *                           records after it are not yet anchored
     */
    public record ChainReport(int chain, Finding finding, long checkedRecords, Long position,
                              String verificationNumber, String detail, long anchoredPosition) {

        static ChainReport ok(int chain, long checked) {
            return new ChainReport(chain, Finding.OK, checked, null, null, "chain intact: " + checked + " records",
                    0);
        }

        static ChainReport problem(int chain, Finding finding, long checked, Long position, String number,
                                   String detail) {
            return new ChainReport(chain, finding, checked, position, number, detail, 0);
        }

        ChainReport anchoredAt(long anchored) {
            return new ChainReport(chain, finding, checkedRecords, position, verificationNumber, detail, anchored);
        }

        /** Records verified by the chain alone, after the last signed checkpoint. */
        public long notYetAnchored() {
            return ok() ? checkedRecords - anchoredPosition : 0;
        }

        public boolean ok() {
            return finding == Finding.OK;
        }

        /** One line: the chain, and what was found at which position of it. */
        @Override
        public String toString() {
            return ok() ? "OK " + AuditChains.describe(chain) + ": " + detail
                    + "; anchored by signed checkpoints up to position " + anchoredPosition
                    + (notYetAnchored() == 0 ? "" : "; " + notYetAnchored() + " records after it not yet anchored")
                    : finding + " in " + AuditChains.describe(chain) + " (chain " + chain + ")"
                    + (position == null ? "" : " at position " + position)
                    + (verificationNumber == null ? "" : " (verification number " + verificationNumber + ")")
                    + ": " + detail + " [" + checkedRecords + " records of the chain verified before it]";
        }
    }

    public AuditChainReport {
        chains = List.copyOf(chains);
    }

    public boolean ok() {
        return chains.stream().allMatch(ChainReport::ok);
    }

    /** The chains that failed, in chain order. */
    public List<ChainReport> problems() {
        return chains.stream().filter(c -> !c.ok()).toList();
    }

    /** The report of one chain. */
    public Optional<ChainReport> of(int chain) {
        return chains.stream().filter(c -> c.chain() == chain).findFirst();
    }

    /** Records verified over all chains. */
    public long checkedRecords() {
        return chains.stream().mapToLong(ChainReport::checkedRecords).sum();
    }

    /** OK, or what the first failing chain shows. */
    public Finding finding() {
        return firstProblem().map(ChainReport::finding).orElse(Finding.OK);
    }

    /** The first failing chain, or null. */
    public Integer chain() {
        return firstProblem().map(ChainReport::chain).orElse(null);
    }

    /** The position concerned in the first failing chain, or null. */
    public Long position() {
        return firstProblem().map(ChainReport::position).orElse(null);
    }

    public String verificationNumber() {
        return firstProblem().map(ChainReport::verificationNumber).orElse(null);
    }

    public String detail() {
        return firstProblem().map(ChainReport::detail).orElse(null);
    }

    private Optional<ChainReport> firstProblem() {
        return chains.stream().filter(c -> !c.ok()).findFirst();
    }

    /** For the CLI: a summary line, then one line per chain, the failing ones first. */
    @Override
    public String toString() {
        String summary = (ok() ? "OK " : "NOT intact: " + problems().size() + " of ") + chains.size()
                + " audit chains, " + checkedRecords() + " records verified";
        return summary + chains.stream().sorted(Comparator.comparing(ChainReport::ok))
                .map(c -> "\n  " + c).collect(Collectors.joining());
    }
}
