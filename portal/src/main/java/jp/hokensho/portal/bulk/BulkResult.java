package jp.hokensho.portal.bulk;

import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.portal.verify.JapaneseFormat;

/**
 * One card's outcome as the results table and the saved file show it: the center's result code (or the code of
 * the item's problem), its Japanese text as on 個別認証, the 認証番号 and the validity.
 */
public record BulkResult(CardRow row, String code, String text, String verificationNumber, String validFrom,
                         String validTo, String validity, String insurerName) {
    /** An item the center did not get to (a batch stopped before it). */
    public static final String NOT_VERIFIED = "NOT_VERIFIED";

    static BulkResult of(CardRow row, BatchItemResult result) {
        if (result != null && result.getAnswer() != null) {
            EligibilityAnswer answer = result.getAnswer();
            return new BulkResult(row, answer.getResultCode().name(), JapaneseFormat.result(answer.getResultCode()),
                    answer.getVerificationNumber(),
                    answer.getValidFrom() == null ? "" : answer.getValidFrom().toString(),
                    answer.getValidTo() == null ? "" : answer.getValidTo().toString(),
                    JapaneseFormat.eraPeriod(answer.getValidFrom(), answer.getValidTo()),
                    answer.getInsurer() == null ? "" : answer.getInsurer().getName());
        }
        if (result != null && result.getProblem() != null) {
            RequestFault problem = result.getProblem();
            return new BulkResult(row, problem.getCode(), "認証センターで受け付けられませんでした（" + problem.getCode()
                    + (problem.getField() == null ? "" : "・" + problem.getField()) + "）", "", "", "", "", "");
        }
        return new BulkResult(row, NOT_VERIFIED, "認証されていません（処理が途中で止まりました。もう一度お試しください）",
                "", "", "", "", "");
    }
}
