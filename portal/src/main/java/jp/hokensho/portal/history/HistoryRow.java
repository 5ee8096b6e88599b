package jp.hokensho.portal.history;

import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.portal.verify.JapaneseFormat;

/**
 * One past verification as the history table shows it: only what the center keeps (query, result, validity,
 * source, times, 認証番号, answer digest). The center keeps no insured person's names, so none are shown.
 */
public record HistoryRow(String verificationNumber, String requestedAt, String requester, String card,
                         String targetDate, String birthDate, String resultText, boolean valid, String validity,
                         String source, String insurerUpdatedAt, String centerReceivedAt, String answerDigest) {

    public static HistoryRow of(VerificationRecord record) {
        EligibilityQuery query = record.getQuery();
        return new HistoryRow(record.getVerificationNumber(), JapaneseFormat.eraDateTime(record.getRequestedAt()),
                record.getRequesterUserId(), card(query),
                query.getTargetDate() == null ? "" : JapaneseFormat.eraDate(query.getTargetDate()),
                query.getBirthDate() == null ? "" : JapaneseFormat.eraDate(query.getBirthDate()),
                JapaneseFormat.result(record.getResultCode()), record.getResultCode() == ResultCode.VALID,
                JapaneseFormat.eraPeriod(record.getValidFrom(), record.getValidTo()), source(record.getSource()),
                record.getInsurerUpdatedAt() == null ? "" : JapaneseFormat.eraDateTime(record.getInsurerUpdatedAt()),
                record.getCenterReceivedAt() == null ? ""
                        : JapaneseFormat.eraDateTime(record.getCenterReceivedAt()),
                record.getAnswerDigest());
    }

    /** 00000001 東京 001 (枝番 02) */
    private static String card(EligibilityQuery query) {
        return query.getInsurerNumber() + " " + query.getSymbol() + " " + query.getNumber()
                + (query.getBranchNumber() == null ? "" : "（枝番 " + query.getBranchNumber() + "）");
    }

    private static String source(DataSource source) {
        if (source == null) {
            return "";
        }
        return source == DataSource.REAL_TIME ? "リアルタイム照会" : "事前登録データ";
    }
}
