package jp.hokensho.portal.review;

import java.time.OffsetDateTime;
import jp.hokensho.contract.admin.AccessReviewUser;
import jp.hokensho.contract.admin.ReviewAccountStatus;
import jp.hokensho.portal.verify.JapaneseFormat;

/**
 * One person's row of the アクセスレビュー screen, as the reviewer reads it: dates in the Japanese era (Japan time),
 * status and key status in words, the reason beside a disabled account.
 *
 * @param statusCode ACTIVE | DORMANT | DISABLED, for the row's style and the tests
 */
public record ReviewUserRow(String userId, String organisation, String roleName, String createdAt, String lastUse,
                            String statusCode, String status, String statusDetail, String locked, String keyStatus,
                            int pendingApplications) {

    static ReviewUserRow of(AccessReviewUser user) {
        return new ReviewUserRow(user.getUserId(), user.getOrganisationName() + "（" + user.getOrganisationCode() + "）",
                user.getRoleName(), date(user.getCreatedAt()),
                user.getLastUsedAt() == null ? "未使用" : date(user.getLastUsedAt()), user.getStatus().name(),
                status(user.getStatus()), detail(user), user.getLockedUntil() == null ? ""
                        : "ロック中（" + JapaneseFormat.eraDateTime(user.getLockedUntil()) + "まで）",
                ReviewLabels.keyStatus(user.getKeyStatus()), user.getPendingApplications());
    }

    private static String status(ReviewAccountStatus status) {
        return switch (status) {
            case ACTIVE -> "利用中";
            case DORMANT -> "休眠";
            case DISABLED -> "無効";
        };
    }

    private static String detail(AccessReviewUser user) {
        return switch (user.getStatus()) {
            case ACTIVE -> "";
            case DORMANT -> date(user.getDisableDueAt()) + "に無効化予定";
            case DISABLED -> date(user.getDisabledAt()) + "に無効化" + (user.getDisabledReason() == null ? ""
                    : "（" + ReviewLabels.reason(user.getDisabledReason()) + "）");
        };
    }

    static String date(OffsetDateTime moment) {
        return moment == null ? ""
                : JapaneseFormat.eraDate(moment.atZoneSameInstant(JapaneseFormat.JAPAN).toLocalDate());
    }
}
