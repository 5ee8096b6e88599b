package jp.hokensho.routes.permission;

import static jp.hokensho.routes.permission.Grant.full;
import static jp.hokensho.routes.permission.Grant.limited;
import static jp.hokensho.routes.port.Permission.BACKUP;
import static jp.hokensho.routes.port.Permission.CARD_DATA_ENTRY;
import static jp.hokensho.routes.port.Permission.CARD_DATA_STATUS;
import static jp.hokensho.routes.port.Permission.CENTER_MEDIA_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.CHANGE_OWN_PASSWORD;
import static jp.hokensho.routes.port.Permission.INSTITUTION_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSTITUTION_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_CARD_SERVER_MAINTENANCE;
import static jp.hokensho.routes.port.Permission.INSURER_GENERAL_WORK;
import static jp.hokensho.routes.port.Permission.INSURER_LOG_VIEWING;
import static jp.hokensho.routes.port.Permission.INSURER_MEDIA_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.INSURER_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_REGISTRATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_VIEWING;
import static jp.hokensho.routes.port.Permission.REGISTER_CARD_DATA;
import static jp.hokensho.routes.port.Permission.SERVICE_LOG_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.SERVICE_LOG_VIEWING;
import static jp.hokensho.routes.port.Permission.SYSTEM_MONITORING;
import static jp.hokensho.routes.port.Permission.USER_REGISTRATION;
import static jp.hokensho.routes.port.Permission.VERIFICATION_SERVER_MAINTENANCE;
import static jp.hokensho.routes.port.Permission.VERIFY_CARD;
import static jp.hokensho.routes.port.Permission.VIEW_VERIFICATION_RESULTS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.routes.permission.RoleTable.Column;
import jp.hokensho.routes.port.Permission;

/**
 * Every role of the three role tables of the source document with exactly its ○ cells granted in full and
 * each △ cell granted as a narrower right, with the reason in one line. Stored in the user table as
 * {@link #code()} ({@code KIND:ROLE}, e.g. {@code MEDICAL_INSTITUTION:BUSINESS_MANAGER}).
 * Rendered into docs/permissions.md by {@link PermissionMatrixDocument}.
 */
public enum Role {
    // --- 保険者 insurer (6-2 ①) ---
    INSURER_OPERATIONS_MANAGER(RoleTable.INSURER, "OPERATIONS_MANAGER", "運用管理責任者", "operations manager", true,
            full(INSURER_CARD_SERVER_MAINTENANCE),
            limited(CARD_DATA_STATUS, "runs the card server, so checks that the center's copy is in step with it; "
                    + "what the cards say is the business side's decision"),
            full(INSURER_GENERAL_WORK)),
    INSURER_MEDIA_MANAGER(RoleTable.INSURER, "MEDIA_MANAGER", "媒体管理責任者", "media manager", true,
            limited(CARD_DATA_STATUS, "reconciles the backup media with what the center holds; never changes cards"),
            limited(INSURER_LOG_VIEWING, "keeps the organisation's logs on backup media, so may read them; records "
                    + "about insured people are not needed for that"),
            full(INSURER_MEDIA_MANAGEMENT)),
    INSURER_BUSINESS_MANAGER(RoleTable.INSURER, "BUSINESS_MANAGER", "業務責任者", "business manager", true,
            full(REGISTER_CARD_DATA), full(INSURER_APPLICATION), full(INSURER_USER_APPLICATION),
            full(INSURER_GENERAL_WORK)),
    INSURER_STAFF(RoleTable.INSURER, "STAFF", "担当者", "staff", true,
            limited(CARD_DATA_ENTRY, "registers and corrects single cards day to day; ending eligibility and bulk "
                    + "replacement change many patients' answers at once and stay with the business manager"),
            full(INSURER_GENERAL_WORK)),

    // --- 医療機関 medical institution (6-3 ①) ---
    MEDICAL_INSTITUTION_BUSINESS_MANAGER(RoleTable.MEDICAL_INSTITUTION, "BUSINESS_MANAGER", "業務責任者",
            "business manager", true,
            full(INSTITUTION_APPLICATION), full(INSTITUTION_USER_APPLICATION), full(CHANGE_OWN_PASSWORD),
            full(VERIFY_CARD), full(VIEW_VERIFICATION_RESULTS)),
    MEDICAL_INSTITUTION_STAFF(RoleTable.MEDICAL_INSTITUTION, "STAFF", "担当者", "staff", true,
            full(CHANGE_OWN_PASSWORD), full(VERIFY_CARD)),

    // --- 認証センター verification center (6-4 ①) ---
    CENTER_SYSTEM_ADMINISTRATOR(RoleTable.CENTER, "SYSTEM_ADMINISTRATOR", "システム管理者", "system administrator", true,
            full(SYSTEM_MONITORING), full(BACKUP), full(USER_REGISTRATION),
            limited(SERVICE_LOG_VIEWING, "investigates what monitoring finds (incidents, unauthorised access) in "
                    + "the logs; exporting the logs is the operations manager's (policy 10)"),
            limited(ORGANISATION_VIEWING, "approves the users of organisations, so reads which organisations exist "
                    + "and their applications; registering organisations is the operations manager's (policy 10)")),
    CENTER_OPERATIONS_MANAGER(RoleTable.CENTER, "OPERATIONS_MANAGER", "運用管理責任者", "operations manager", true,
            full(VERIFICATION_SERVER_MAINTENANCE),
            limited(ORGANISATION_REGISTRATION, "registers, edits and ends insurers and medical institutions on their "
                    + "application (policy 10); users are approved by the user-registration right"),
            limited(SERVICE_LOG_MANAGEMENT, "manages the service logs (policy 10): searches, traces a verification "
                    + "(6-4 ④) and exports; never changes them")),
    CENTER_MEDIA_MANAGER(RoleTable.CENTER, "MEDIA_MANAGER", "媒体管理責任者", "media manager", true,
            full(CENTER_MEDIA_MANAGEMENT),
            limited(SERVICE_LOG_VIEWING, "checks that the logs written to backup media are complete; read-only")),
    /** The center's technical account that calls insurers' card servers: no person, no rights at the center. */
    CENTER_SERVICE(RoleTable.CENTER, "SERVICE", "(サービスアカウント)", "service account (technical, calls insurers)",
            false);

    private final RoleTable table;
    private final String name;
    private final String japanese;
    private final String english;
    private final boolean person;
    private final List<Grant> grants;
    private final Set<Permission> permissions;

    Role(RoleTable table, String name, String japanese, String english, boolean person, Grant... grants) {
        this.table = table;
        this.name = name;
        this.japanese = japanese;
        this.english = english;
        this.person = person;
        List<Grant> all = new ArrayList<>(Arrays.asList(grants));
        if (person && table.passwordChangeImplied()) {
            all.add(Grant.implied(CHANGE_OWN_PASSWORD, "every person has their own ID and password (policy 2) and "
                    + "must be able to change it; the " + table.english() + " table has no such column"));
        }
        this.grants = List.copyOf(all);
        EnumSet<Permission> effective = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (this.grants.stream().anyMatch(grant -> grant.permission().implies(permission))) {
                effective.add(permission);
            }
        }
        this.permissions = Collections.unmodifiableSet(effective);
    }

    /** The role string stored in the user table: {@code KIND:ROLE}. */
    public String code() {
        return table.kind() + ":" + name;
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst();
    }

    public RoleTable table() {
        return table;
    }

    public String japanese() {
        return japanese;
    }

    public String english() {
        return english;
    }

    /** False for technical accounts, which get no implied rights. */
    public boolean person() {
        return person;
    }

    /** The rights as granted (full, limited, implied), in the order the table reads. */
    public List<Grant> grants() {
        return grants;
    }

    /** Every right the role holds, narrower rights of its full ones included. */
    public Set<Permission> permissions() {
        return permissions;
    }

    /** The role's cell in a column of its table: ○ full, △ a narrower right, - none. */
    public Cell cell(Column column) {
        for (Grant grant : grants) {
            if (grant.permission() == column.permission()) {
                return Cell.ALLOWED;
            }
        }
        return limitIn(column).isPresent() ? Cell.LIMITED : Cell.NOT_ALLOWED;
    }

    /** The limited grant that makes a △ in this column, if any. */
    public Optional<Grant> limitIn(Column column) {
        return limitsIn(column).stream().findFirst();
    }

    /** Every limited grant of this column: a △ may stand for several narrower rights. */
    public List<Grant> limitsIn(Column column) {
        return grants.stream().filter(grant -> grant.kind() == Grant.Kind.LIMITED
                && column.permission().implies(grant.permission())).toList();
    }

    /** A cell of a role table. */
    public enum Cell {
        ALLOWED("○"), LIMITED("△"), NOT_ALLOWED("-");

        private final String mark;

        Cell(String mark) {
            this.mark = mark;
        }

        public String mark() {
            return mark;
        }
    }
}
