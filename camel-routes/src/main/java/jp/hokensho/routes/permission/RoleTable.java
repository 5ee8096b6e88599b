package jp.hokensho.routes.permission;

import static jp.hokensho.routes.port.Permission.BACKUP;
import static jp.hokensho.routes.port.Permission.CENTER_GENERAL_WORK;
import static jp.hokensho.routes.port.Permission.CENTER_MEDIA_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.CHANGE_OWN_PASSWORD;
import static jp.hokensho.routes.port.Permission.INSTITUTION_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSTITUTION_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_CARD_SERVER_MAINTENANCE;
import static jp.hokensho.routes.port.Permission.INSURER_GENERAL_WORK;
import static jp.hokensho.routes.port.Permission.INSURER_MEDIA_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.INSURER_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.REGISTER_CARD_DATA;
import static jp.hokensho.routes.port.Permission.SYSTEM_MONITORING;
import static jp.hokensho.routes.port.Permission.USER_REGISTRATION;
import static jp.hokensho.routes.port.Permission.VERIFICATION_SERVER_MAINTENANCE;
import static jp.hokensho.routes.port.Permission.VERIFY_CARD;
import static jp.hokensho.routes.port.Permission.VIEW_VERIFICATION_RESULTS;

import java.util.List;
import jp.hokensho.routes.port.Permission;

/**
 * The three role tables of the source document, one per kind of organisation, with their columns in the
 * document's order. The insurer and center tables have no password-change column: the right is implied for
 * every person there ({@link #passwordChangeImplied()}), since policy 2 (one ID and password per person)
 * makes each person responsible for their own password.
 */
public enum RoleTable {
    INSURER("INSURER", "保険者", "insurer", "6-2 ①", true, List.of(
            new Column(INSURER_CARD_SERVER_MAINTENANCE, "保険証サーバー保守", "card-server maintenance"),
            new Column(REGISTER_CARD_DATA, "保険証データ登録", "card-data registration"),
            new Column(INSURER_APPLICATION, "保険者申請", "insurer application"),
            new Column(INSURER_USER_APPLICATION, "利用者申請", "user application"),
            new Column(INSURER_GENERAL_WORK, "一般業務", "general work"),
            new Column(INSURER_MEDIA_MANAGEMENT, "媒体管理", "media management"))),
    MEDICAL_INSTITUTION("MEDICAL_INSTITUTION", "医療機関", "medical institution", "6-3 ①", false, List.of(
            new Column(INSTITUTION_APPLICATION, "医療機関申請", "institution application"),
            new Column(INSTITUTION_USER_APPLICATION, "利用者申請", "user application"),
            new Column(CHANGE_OWN_PASSWORD, "パスワード変更", "password change"),
            new Column(VERIFY_CARD, "カード認証", "card verification"),
            new Column(VIEW_VERIFICATION_RESULTS, "認証結果閲覧", "viewing verification results"))),
    CENTER("CENTER", "認証センター", "verification center", "6-4 ①", true, List.of(
            new Column(SYSTEM_MONITORING, "システム全体監視", "whole-system monitoring"),
            new Column(VERIFICATION_SERVER_MAINTENANCE, "認証サーバー保守", "verification-server maintenance"),
            new Column(CENTER_MEDIA_MANAGEMENT, "媒体管理", "media management"),
            new Column(BACKUP, "バックアップ", "backup"),
            new Column(USER_REGISTRATION, "利用者登録", "user registration"),
            new Column(CENTER_GENERAL_WORK, "一般業務", "general work")));

    private final String kind;
    private final String japanese;
    private final String english;
    private final String section;
    private final boolean passwordChangeImplied;
    private final List<Column> columns;

    RoleTable(String kind, String japanese, String english, String section, boolean passwordChangeImplied,
              List<Column> columns) {
        this.kind = kind;
        this.japanese = japanese;
        this.english = english;
        this.section = section;
        this.passwordChangeImplied = passwordChangeImplied;
        this.columns = columns;
    }

    /** The organisation kind, the prefix of the stored role string ({@code KIND:ROLE}). */
    public String kind() {
        return kind;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }

    /** Where the table is in the source document. */
    public String section() {
        return section;
    }

    /** True when the table has no password-change column and every person of it may change their own. */
    public boolean passwordChangeImplied() {
        return passwordChangeImplied;
    }

    /** The table's columns, in the source document's order; each is granted in full by its permission. */
    public List<Column> columns() {
        return columns;
    }

    /** One column of a role table: the full right, and the column's titles. */
    public record Column(Permission permission, String japanese, String english) {
    }
}
