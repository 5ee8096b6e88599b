package jp.hokensho.center.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import jp.hokensho.routes.port.Permission;

/**
 * The operation rights of each role, from the role tables of the source document (6-2, 6-3, 6-4).
 * Roles are stored as "KIND:ROLE", e.g. {@code MEDICAL_INSTITUTION:BUSINESS_MANAGER}.
 */
public final class RolePermissions {
    private static final Map<String, Set<Permission>> RIGHTS = Map.of(
            // 医療機関 業務責任者: card verification ○, viewing verification results ○
            "MEDICAL_INSTITUTION:BUSINESS_MANAGER", EnumSet.of(Permission.VERIFY_CARD,
                    Permission.VIEW_VERIFICATION_RESULTS),
            // 医療機関 担当者: card verification ○, viewing results -
            "MEDICAL_INSTITUTION:STAFF", EnumSet.of(Permission.VERIFY_CARD),
            // 保険者 業務責任者: card-data registration ○
            "INSURER:BUSINESS_MANAGER", EnumSet.of(Permission.REGISTER_CARD_DATA),
            // The center's own service account, used only to call insurers.
            "CENTER:SERVICE", EnumSet.noneOf(Permission.class));

    private RolePermissions() {
    }

    public static Set<Permission> of(String role) {
        return RIGHTS.getOrDefault(role, Set.of());
    }
}
