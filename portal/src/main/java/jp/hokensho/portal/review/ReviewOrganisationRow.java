package jp.hokensho.portal.review;

import java.util.List;
import jp.hokensho.contract.admin.AccessReviewOrganisation;
import jp.hokensho.contract.admin.AccessReviewSignOff;
import jp.hokensho.portal.verify.JapaneseFormat;

/**
 * One organisation of the アクセスレビュー screen: its keys, pending applications, last sign-off and when the next one
 * is due, and the disabled people a sign-off may re-enable.
 */
public record ReviewOrganisationRow(String code, String name, String kind, String keyStatus, String keyDetail,
                                    int pendingApplications, String lastSignOff, String lastComment, String due,
                                    boolean overdue, List<String> disabledUsers) {

    static ReviewOrganisationRow of(AccessReviewOrganisation organisation, List<String> disabledUsers) {
        AccessReviewSignOff last = organisation.getLastSignOff();
        return new ReviewOrganisationRow(organisation.getCode(), organisation.getName(),
                ReviewLabels.kind(organisation.getKind()), ReviewLabels.keyStatus(organisation.getKeyStatus()),
                keyDetail(organisation), organisation.getPendingApplications(),
                last == null ? "未実施" : JapaneseFormat.eraDateTime(last.getSignedOffAt()) + " " + last.getReviewer(),
                last == null || last.getComment() == null ? "" : last.getComment(),
                ReviewUserRow.date(organisation.getReviewDueAt()), organisation.isOverdue(), disabledUsers);
    }

    private static String keyDetail(AccessReviewOrganisation organisation) {
        String detail = "有効 " + organisation.getValidKeys() + "件";
        if (organisation.getKeyValidUntil() != null) {
            detail += "（" + ReviewUserRow.date(organisation.getKeyValidUntil()) + "まで）";
        }
        if (organisation.getExpiringKeys() > 0) {
            detail += "・期限間近 " + organisation.getExpiringKeys() + "件";
        }
        if (organisation.getRevokedKeys() > 0) {
            detail += "・失効 " + organisation.getRevokedKeys() + "件";
        }
        return detail;
    }
}
