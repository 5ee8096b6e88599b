package jp.hokensho.routes.port;

import java.util.List;

/**
 * Operation rights: one per column of the three role tables of the source document (6-2 ①, 6-3 ①, 6-4 ①),
 * plus the narrower rights that say what a △ ("limited") cell allows. A column's full right includes its
 * narrower ones, so an operation that needs a narrower right is open to holders of the full one too.
 * Where each right sits in the tables and who holds it: {@code jp.hokensho.routes.permission.Role}.
 */
public enum Permission {
    // --- narrower rights (△), declared first because the full rights include them ---
    /** △ of card-data registration: read what the center holds for the insurer and when it was last updated. */
    CARD_DATA_STATUS("read the center's holdings of the insurer's cards (counts, last update); no changes"),
    /** △ of card-data registration: register and update single cards; no ending of eligibility, no bulk replace. */
    CARD_DATA_ENTRY("register and update single cards, and the holdings status; not end eligibility or bulk replace",
            CARD_DATA_STATUS),
    /** △ of the insurer's general work: its organisation's access and unauthorised-access logs only. */
    INSURER_LOG_VIEWING("read the insurer's own access and unauthorised-access logs; no verification records"),
    /** △ of the center's general work: read-only viewing of the service logs. */
    SERVICE_LOG_VIEWING("read and search the service logs (verification records, access log, unauthorised-access "
            + "log), trace a 認証番号, read the usage reports; no changes, exports or applications"),
    /** △ of the center's general work: read the organisations and their applications, decide nothing. */
    ORGANISATION_VIEWING("read the registered insurers and medical institutions and their applications; no "
            + "decisions"),
    /** △ of the center's general work (policy 10): organisations on application. */
    ORGANISATION_REGISTRATION("register, change and end insurers and medical institutions on their application "
            + "(approve or reject it with a reason)", ORGANISATION_VIEWING),
    /** △ of the center's general work (policy 10): managing the service logs. */
    SERVICE_LOG_MANAGEMENT("search, trace and export (CSV) the service logs; the usage and monthly reports",
            SERVICE_LOG_VIEWING),

    // --- insurer table (保険者, 6-2 ①) ---
    /** 保険証サーバー保守: maintain the insurer's own card server (adapter). */
    INSURER_CARD_SERVER_MAINTENANCE("maintain the insurer's card server: configuration, restarts, its own logs"),
    /** 保険証データ登録: the insurer's card data at the center, in full. */
    REGISTER_CARD_DATA("register, update, end eligibility of and bulk-replace the insurer's cards at the center",
            CARD_DATA_ENTRY),
    /** 保険者申請: apply to the center to register or change the insurer. */
    INSURER_APPLICATION("apply to the center to register, change or withdraw the insurer"),
    /** 利用者申請 (insurer): apply for the insurer's users. */
    INSURER_USER_APPLICATION("apply to the center to add, change or remove the insurer's users"),
    /** 一般業務 (insurer): day-to-day work, e.g. records about its cards when a clinic asks (6-2 ⑦). */
    INSURER_GENERAL_WORK("day-to-day work: verification records about the insurer's cards (to answer clinics, "
            + "6-2 ⑦), its organisation's data and logs", INSURER_LOG_VIEWING),
    /** 媒体管理 (insurer): backup media of the insurer's card server. */
    INSURER_MEDIA_MANAGEMENT("manage the backup media of the insurer's card server"),

    // --- medical institution table (医療機関, 6-3 ①) ---
    /** 医療機関申請: apply to the center to register or change the institution. */
    INSTITUTION_APPLICATION("apply to the center to register, change or withdraw the institution"),
    /** 利用者申請 (medical institution): apply for the institution's users. */
    INSTITUTION_USER_APPLICATION("apply to the center to add, change or remove the institution's users"),
    /** パスワード変更: change one's own password (implied for every person of every table, see Role). */
    CHANGE_OWN_PASSWORD("change one's own password (old password required)"),
    /** カード認証: verify a card. */
    VERIFY_CARD("verify a card (single or bulk)"),
    /** 認証結果閲覧: view past verification results requested by one's own organisation. */
    VIEW_VERIFICATION_RESULTS("view past verification results requested by one's own organisation"),

    // --- center table (認証センター, 6-4 ①) ---
    /** システム全体監視: monitor the whole system. */
    SYSTEM_MONITORING("monitor the verification and web servers and the whole system"),
    /** 認証サーバー保守: maintain the verification servers. */
    VERIFICATION_SERVER_MAINTENANCE("maintain the verification servers: configuration, deployment, restarts"),
    /** 媒体管理 (center): backup media of the center. */
    CENTER_MEDIA_MANAGEMENT("manage the center's backup media (storage, rotation, disposal)"),
    /** バックアップ: run backups and restores. */
    BACKUP("run and restore backups of the DB, settings (ID information) and logs"),
    /** 利用者登録: users on application (one ID per person), their keys, unlocking and the access review. */
    USER_REGISTRATION("register, change and remove users on application (approve or reject it with a reason); "
            + "issue, renew and revoke keys; unlock accounts; review access (policy 2)"),
    /** 一般業務 (center): the center's day-to-day work, including managing the service logs. */
    CENTER_GENERAL_WORK("the center's day-to-day work: applications, inquiries, managing (viewing, exporting, "
            + "retaining) the service logs", ORGANISATION_REGISTRATION, SERVICE_LOG_MANAGEMENT);

    private final String meaning;
    private final List<Permission> includes;

    Permission(String meaning, Permission... includes) {
        this.meaning = meaning;
        this.includes = List.of(includes);
    }

    /** What the right allows, in one line (rendered into docs/permissions.md). */
    public String meaning() {
        return meaning;
    }

    /** True when holding this right also grants {@code other} (itself or a narrower right it includes). */
    public boolean implies(Permission other) {
        return this == other || includes.stream().anyMatch(included -> included.implies(other));
    }
}
