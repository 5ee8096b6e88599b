package jp.hokensho.routes.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.ApplicationDesk.Category;
import jp.hokensho.routes.port.Caller;
import org.junit.jupiter.api.Test;

/** Who may apply for, decide and see which applications, role by role (policy 10 and the role tables). */
class ApplicationAccessTest {
    @Test
    void businessManagersApplyForTheirOwnOrganisationOnly() {
        for (Role role : Set.of(Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER, Role.INSURER_BUSINESS_MANAGER)) {
            Caller manager = caller(role, "1311234567");
            for (ApplicationKind kind : ApplicationKind.values()) {
                assertEquals(kind != ApplicationKind.ORGANISATION_REGISTER, ApplicationAccess.maySubmit(manager, kind),
                        role + " " + kind);
            }
            assertFalse(ApplicationAccess.seesEveryOrganisation(manager), role.name());
            assertFalse(ApplicationAccess.seesEveryUser(manager), role.name());
            assertEquals(Set.of(Category.USER, Category.ORGANISATION), ApplicationAccess.visibleCategories(manager));
            assertFalse(ApplicationAccess.mayDecide(manager, Category.USER));
        }
    }

    @Test
    void staffApplyForNothing() {
        Caller staff = caller(Role.MEDICAL_INSTITUTION_STAFF, "1311234567");
        for (ApplicationKind kind : ApplicationKind.values()) {
            assertFalse(ApplicationAccess.maySubmit(staff, kind), kind.name());
        }
        assertEquals(Set.of(), ApplicationAccess.visibleCategories(staff));
    }

    @Test
    void theSystemAdministratorDecidesUsersAndReadsOrganisations() {
        Caller administrator = caller(Role.CENTER_SYSTEM_ADMINISTRATOR, "CENTER");
        assertTrue(ApplicationAccess.mayDecide(administrator, Category.USER));
        assertFalse(ApplicationAccess.mayDecide(administrator, Category.ORGANISATION));
        assertEquals(Set.of(Category.USER, Category.ORGANISATION), ApplicationAccess.visibleCategories(administrator));
        assertTrue(ApplicationAccess.seesEveryUser(administrator));
        assertFalse(ApplicationAccess.maySubmit(administrator, ApplicationKind.ORGANISATION_REGISTER));
    }

    @Test
    void theOperationsManagerRegistersAndDecidesOrganisations() {
        Caller operations = caller(Role.CENTER_OPERATIONS_MANAGER, "CENTER");
        assertTrue(ApplicationAccess.maySubmit(operations, ApplicationKind.ORGANISATION_REGISTER));
        assertFalse(ApplicationAccess.maySubmit(operations, ApplicationKind.USER_ADD));
        assertTrue(ApplicationAccess.mayDecide(operations, Category.ORGANISATION));
        assertFalse(ApplicationAccess.mayDecide(operations, Category.USER));
        assertEquals(Set.of(Category.ORGANISATION), ApplicationAccess.visibleCategories(operations));
        assertFalse(ApplicationAccess.seesEveryUser(operations));
    }

    private static Caller caller(Role role, String organisation) {
        return new Caller("someone", organisation, "name", role.code(), role.permissions());
    }
}
