package jp.hokensho.portal.bulk;

import jp.hokensho.contract.eligibility.BatchItem;

/**
 * One card of the uploaded file, its values as written (trimmed), and its line in the file (the line it starts
 * on: a quoted value may span lines). The item sent to the center carries the values normalised by the checks.
 */
public record CardRow(int line, String insurerNumber, String symbol, String number, String branchNumber,
                      String targetDate, String birthDate, BatchItem item) {
}
