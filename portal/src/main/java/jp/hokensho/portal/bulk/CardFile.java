package jp.hokensho.portal.bulk;

import java.util.List;

/** A read card file: its encoding, its cards in file order, and every problem found (empty when it can be sent). */
public record CardFile(FileEncoding encoding, List<CardRow> rows, List<RowProblem> problems) {
    public boolean sendable() {
        return problems.isEmpty() && !rows.isEmpty();
    }
}
