package jp.hokensho.center.security;

import java.util.Set;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.Permission;

/**
 * The operation rights of a stored role string ({@code KIND:ROLE}, e.g.
 * {@code MEDICAL_INSTITUTION:BUSINESS_MANAGER}), from the role model of camel-routes ({@link Role}, rendered
 * into docs/permissions.md). An unknown role string has no rights.
 */
public final class RolePermissions {
    private RolePermissions() {
    }

    public static Set<Permission> of(String role) {
        return Role.ofCode(role).map(Role::permissions).orElse(Set.of());
    }
}
