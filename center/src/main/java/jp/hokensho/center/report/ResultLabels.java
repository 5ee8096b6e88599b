package jp.hokensho.center.report;

import java.util.List;
import jp.hokensho.contract.types.ResultCode;

/** The result categories in the order and wording of the trial's appendix 9, then this system's other two. */
final class ResultLabels {
    static final List<ResultCode> ORDER = List.of(ResultCode.VALID, ResultCode.EXPIRED,
            ResultCode.SYMBOL_NUMBER_NOT_FOUND, ResultCode.INSURER_NOT_FOUND, ResultCode.NOT_YET_VALID,
            ResultCode.INSURER_UNAVAILABLE);

    private ResultLabels() {
    }

    static String label(ResultCode result) {
        return switch (result) {
            case VALID -> "有効";
            case EXPIRED -> "有効期限切れ";
            case SYMBOL_NUMBER_NOT_FOUND -> "記号番号なし";
            case INSURER_NOT_FOUND -> "保険者番号なし";
            case NOT_YET_VALID -> "有効期間前";
            case INSURER_UNAVAILABLE -> "保険者接続不可";
        };
    }
}
