package jp.hokensho.center.audit;

/**
 * The outcome of verifying the audit chain: OK with the number of records checked, or the first bad
 * record found.
 *
 * @param position           the chain position concerned (for DELETED, the first missing position)
 * @param verificationNumber the record's verification number (for DELETED, the record after the gap,
 *                           if any)
 * @param anchoredPosition   the last position a verified signed checkpoint anchors (0 for none); records
 *                           after it are not yet anchored
 */
public record AuditChainReport(Finding finding, long checkedRecords, Long position, String verificationNumber,
                               String detail, long anchoredPosition) {

    /** What is wrong with the chain, if anything. */
    public enum Finding {
        OK,
        /** A record's content no longer matches its hash, or its hash was recomputed (the next link breaks). */
        ALTERED,
        /** A record that was never appended: beyond the head, or at an impossible position. */
        INSERTED,
        /** Positions are missing: from the middle (a gap) or from the end (the head is further). */
        DELETED,
        /** The last record is not the one the head names. */
        HEAD_MISMATCH,
        /** A checkpoint is not signed by the center, does not follow its predecessor, or was altered. */
        CHECKPOINT_INVALID
    }

    static AuditChainReport ok(long checked) {
        return new AuditChainReport(Finding.OK, checked, null, null, "chain intact: " + checked + " records", 0);
    }

    static AuditChainReport problem(Finding finding, long checked, Long position, String number, String detail) {
        return new AuditChainReport(finding, checked, position, number, detail, 0);
    }

    AuditChainReport anchoredAt(long anchored) {
        return new AuditChainReport(finding, checkedRecords, position, verificationNumber, detail, anchored);
    }

    /** Records verified by the chain alone, after the last signed checkpoint. */
    public long notYetAnchored() {
        return ok() ? checkedRecords - anchoredPosition : 0;
    }

    public boolean ok() {
        return finding == Finding.OK;
    }

    /** One line for the CLI. */
    @Override
    public String toString() {
        return ok() ? "OK " + detail + "; anchored by signed checkpoints up to position " + anchoredPosition
                + (notYetAnchored() == 0 ? "" : "; " + notYetAnchored() + " records after it not yet anchored")
                : finding + " at position " + position
                + (verificationNumber == null ? "" : " (verification number " + verificationNumber + ")")
                + ": " + detail + " [" + checkedRecords + " records verified before it]";
    }
}
