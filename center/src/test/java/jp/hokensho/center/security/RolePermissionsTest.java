package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.Permission;
import org.junit.jupiter.api.Test;

/** Stored role strings resolve to the role model's rights; the demo's role strings are real roles. */
class RolePermissionsTest {

    @Test
    void demoRoleStringsAreRolesOfTheModel() {
        assertEquals(Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER.permissions(),
                RolePermissions.of("MEDICAL_INSTITUTION:BUSINESS_MANAGER"));
        assertTrue(RolePermissions.of("MEDICAL_INSTITUTION:BUSINESS_MANAGER").containsAll(
                Set.of(Permission.VERIFY_CARD, Permission.VIEW_VERIFICATION_RESULTS, Permission.CHANGE_OWN_PASSWORD)));
        assertEquals(Set.of(Permission.VERIFY_CARD, Permission.CHANGE_OWN_PASSWORD),
                RolePermissions.of("MEDICAL_INSTITUTION:STAFF"));
    }

    @Test
    void unknownOrUnqualifiedRoleHasNoRights() {
        assertEquals(Set.of(), RolePermissions.of("MEDICAL_INSTITUTION:DOCTOR"));
        assertEquals(Set.of(), RolePermissions.of("BUSINESS_MANAGER"));
        assertEquals(Set.of(), RolePermissions.of(null));
        assertEquals(Set.of(), RolePermissions.of("CENTER:SERVICE"));
    }
}
