package jp.hokensho.portal.review;

import jp.hokensho.contract.admin.ReviewKeyStatus;

/** The Japanese words of the アクセスレビュー screen for the contract's codes. */
final class ReviewLabels {
    private ReviewLabels() {
    }

    static String keyStatus(ReviewKeyStatus status) {
        return switch (status) {
            case VALID -> "有効";
            case EXPIRING -> "期限間近";
            case NO_VALID_KEY -> "有効な鍵なし";
        };
    }

    static String kind(String kind) {
        return switch (kind) {
            case "INSURER" -> "保険者";
            case "MEDICAL_INSTITUTION" -> "医療機関";
            case "CENTER" -> "認証センター";
            default -> kind;
        };
    }

    /** The center's reason for disabling (the dormancy sweep writes {@code DORMANT: …}). */
    static String reason(String reason) {
        return reason.startsWith("DORMANT") ? "長期間未使用" : reason;
    }
}
