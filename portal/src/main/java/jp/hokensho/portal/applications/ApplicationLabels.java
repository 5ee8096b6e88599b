package jp.hokensho.portal.applications;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.ApplicationState;

/** Japanese words for the applications' codes, for the templates ({@code ${labels.kind(a.kind)}}). */
public final class ApplicationLabels {
    private static final Map<String, String> ROLES = Map.of(
            "BUSINESS_MANAGER", "業務責任者", "STAFF", "担当者", "OPERATIONS_MANAGER", "運用管理責任者",
            "MEDIA_MANAGER", "媒体管理責任者", "SYSTEM_ADMINISTRATOR", "システム管理者");

    public String kind(ApplicationKind kind) {
        return switch (kind) {
            case USER_ADD -> "利用者の追加";
            case USER_CHANGE -> "利用者の変更";
            case USER_REMOVE -> "利用者の削除";
            case ORGANISATION_REGISTER -> "組織の登録";
            case ORGANISATION_CHANGE -> "組織情報の変更";
            case ORGANISATION_END -> "利用の終了";
        };
    }

    public String state(ApplicationState state) {
        return switch (state) {
            case PENDING -> "審査中";
            case APPROVED -> "承認";
            case REJECTED -> "却下";
        };
    }

    /** {@code MEDICAL_INSTITUTION:STAFF} → 担当者; an unknown code as it is. */
    public String role(String code) {
        if (code == null) {
            return "";
        }
        return ROLES.getOrDefault(code.substring(code.indexOf(':') + 1), code);
    }

    /** A moment as Japanese office hours read it: {@code 2026-11-30 09:15} in Japan. */
    public String time(java.time.OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(java.time.ZoneId.of("Asia/Tokyo"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    public String organisationKind(String kind) {
        return "INSURER".equals(kind) ? "保険者" : "MEDICAL_INSTITUTION".equals(kind) ? "医療機関" : kind;
    }

    /** The roles a person of an organisation of {@code kind} may hold: code → label, in the role tables' order. */
    public static Map<String, String> rolesOf(String kind) {
        Map<String, String> roles = new LinkedHashMap<>();
        String[] names = "INSURER".equals(kind)
                ? new String[] {"BUSINESS_MANAGER", "STAFF", "OPERATIONS_MANAGER", "MEDIA_MANAGER"}
                : new String[] {"BUSINESS_MANAGER", "STAFF"};
        for (String name : names) {
            roles.put(kind + ":" + name, ROLES.get(name));
        }
        return roles;
    }

    /** The center's refusal of an application or decision, as the person reads it beside the field. */
    static String refusal(String code, String message) {
        return switch (code) {
            case "MISSING_FIELD" -> "入力してください";
            case "INVALID_FIELD" -> "入力内容が正しくありません（" + message + "）";
            case "USER_ID_TAKEN" -> "このユーザーIDは使用されています。別のIDを指定してください";
            case "SAME_PERSON_ACTIVE" -> "この方はすでにこの組織の有効なアカウントを持っています（1人1ID）";
            case "APPLICATION_PENDING" -> "同じ内容の申請が審査中です";
            case "UNKNOWN_USER" -> "この組織の有効な利用者ではありません";
            case "ORGANISATION_EXISTS" -> "この組織コードは登録済みです";
            case "ORGANISATION_ENDED" -> "この組織は利用を終了しています";
            case "APPLICATION_NOT_FOUND" -> "申請が見つかりません";
            case "ALREADY_DECIDED" -> "この申請はすでに審査済みです";
            case "REASON_REQUIRED" -> "却下の理由を入力してください";
            case "DECISION_FAILED" -> "承認の処理ができませんでした（" + message + "）";
            default -> "認証センターで受け付けられませんでした（" + code + "）";
        };
    }
}
