package jp.hokensho.routes.permission;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.hokensho.routes.permission.RoleTable.Column;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The role model against the source document's three role tables (seed/SUMMARY.md), cell by cell: the rows
 * below are copied from the tables, in the tables' column order.
 */
class RoleMatrixTest {
    /** SUMMARY.md, insurer (6-2 ①): card-server maintenance · card-data registration · insurer application · user application · general work · media management. */
    private static final Map<Role, String> INSURER = rows(
            Role.INSURER_OPERATIONS_MANAGER, "○ △ - - ○ -",
            Role.INSURER_MEDIA_MANAGER, "- △ - - △ ○",
            Role.INSURER_BUSINESS_MANAGER, "- ○ ○ ○ ○ -",
            Role.INSURER_STAFF, "- △ - - ○ -");
    /** SUMMARY.md, medical institution (6-3 ①): institution application · user application · password change · card verification · viewing verification results. */
    private static final Map<Role, String> MEDICAL_INSTITUTION = rows(
            Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER, "○ ○ ○ ○ ○",
            Role.MEDICAL_INSTITUTION_STAFF, "- - ○ ○ -");
    /** SUMMARY.md, center (6-4 ①): whole-system monitoring · verification-server maintenance · media management · backup · user registration · general work. */
    private static final Map<Role, String> CENTER = rows(
            Role.CENTER_SYSTEM_ADMINISTRATOR, "○ - - ○ ○ △",
            Role.CENTER_OPERATIONS_MANAGER, "- ○ - - - △",
            Role.CENTER_MEDIA_MANAGER, "- - ○ - - △");

    @Test
    void columnsAreThoseOfTheSourceTablesInTheirOrder() {
        assertEquals(List.of("card-server maintenance", "card-data registration", "insurer application",
                "user application", "general work", "media management"), english(RoleTable.INSURER));
        assertEquals(List.of("institution application", "user application", "password change", "card verification",
                "viewing verification results"), english(RoleTable.MEDICAL_INSTITUTION));
        assertEquals(List.of("whole-system monitoring", "verification-server maintenance", "media management",
                "backup", "user registration", "general work"), english(RoleTable.CENTER));
    }

    @Test
    void everyCellOfTheInsurerTable() {
        assertTable(RoleTable.INSURER, INSURER);
    }

    @Test
    void everyCellOfTheMedicalInstitutionTable() {
        assertTable(RoleTable.MEDICAL_INSTITUTION, MEDICAL_INSTITUTION);
    }

    @Test
    void everyCellOfTheCenterTable() {
        assertTable(RoleTable.CENTER, CENTER);
    }

    @Test
    void everyRoleOfTheTablesExistsAndOnlyTheServiceAccountBesides() {
        Set<Role> fromTables = new HashSet<>();
        fromTables.addAll(INSURER.keySet());
        fromTables.addAll(MEDICAL_INSTITUTION.keySet());
        fromTables.addAll(CENTER.keySet());
        Set<Role> others = new HashSet<>(Arrays.asList(Role.values()));
        others.removeAll(fromTables);
        assertEquals(Set.of(Role.CENTER_SERVICE), others);
        assertEquals(List.of("INSURER:OPERATIONS_MANAGER", "INSURER:MEDIA_MANAGER", "INSURER:BUSINESS_MANAGER",
                "INSURER:STAFF", "MEDICAL_INSTITUTION:BUSINESS_MANAGER", "MEDICAL_INSTITUTION:STAFF",
                "CENTER:SYSTEM_ADMINISTRATOR", "CENTER:OPERATIONS_MANAGER", "CENTER:MEDIA_MANAGER", "CENTER:SERVICE"),
                Arrays.stream(Role.values()).map(Role::code).toList());
        for (Role role : Role.values()) {
            assertEquals(role, Role.ofCode(role.code()).orElseThrow());
        }
        assertTrue(Role.ofCode("MEDICAL_INSTITUTION:DOCTOR").isEmpty());
        assertTrue(Role.ofCode("STAFF").isEmpty(), "a role is always qualified by its table");
    }

    @Test
    void everyPersonMayChangeTheirOwnPasswordTheServiceAccountNothing() {
        for (Role role : Role.values()) {
            assertEquals(role.person(), role.permissions().contains(Permission.CHANGE_OWN_PASSWORD), role.code());
        }
        assertEquals(Set.of(), Role.CENTER_SERVICE.permissions());
        assertFalse(Role.CENTER_SERVICE.person());
    }

    @Test
    void everyLimitedCellIsANarrowerRightOfItsColumnWithItsReason() {
        List<Executable> checks = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Grant grant : role.grants()) {
                checks.add(() -> assertTrue(grant.kind() == Grant.Kind.FULL || !grant.reason().isBlank()));
                if (grant.kind() == Grant.Kind.LIMITED) {
                    List<Column> columns = role.table().columns().stream()
                            .filter(column -> column.permission().implies(grant.permission())).toList();
                    checks.add(() -> assertEquals(1, columns.size(), role + " " + grant));
                    checks.add(() -> assertNotEquals(columns.get(0).permission(), grant.permission(),
                            "a △ grants less than the column: " + role + " " + grant));
                }
            }
        }
        assertAll(checks);
    }

    @Test
    void limitedMeansNarrower() {
        // Insurer staff: single cards yes; ending eligibility or bulk replacement (the full right) no.
        assertTrue(Role.INSURER_STAFF.permissions().contains(Permission.CARD_DATA_ENTRY));
        assertFalse(Role.INSURER_STAFF.permissions().contains(Permission.REGISTER_CARD_DATA));
        // Operations and media managers: the holdings status only.
        for (Role role : List.of(Role.INSURER_OPERATIONS_MANAGER, Role.INSURER_MEDIA_MANAGER)) {
            assertTrue(role.permissions().contains(Permission.CARD_DATA_STATUS), role.code());
            assertFalse(role.permissions().contains(Permission.CARD_DATA_ENTRY), role.code());
        }
        // Insurer media manager: its logs, not the verification records about its cards.
        assertTrue(Role.INSURER_MEDIA_MANAGER.permissions().contains(Permission.INSURER_LOG_VIEWING));
        assertFalse(Role.INSURER_MEDIA_MANAGER.permissions().contains(Permission.INSURER_GENERAL_WORK));
        // Center roles: read the service logs, no general work in full.
        for (Role role : List.of(Role.CENTER_SYSTEM_ADMINISTRATOR, Role.CENTER_OPERATIONS_MANAGER,
                Role.CENTER_MEDIA_MANAGER)) {
            assertTrue(role.permissions().contains(Permission.SERVICE_LOG_VIEWING), role.code());
            assertFalse(role.permissions().contains(Permission.CENTER_GENERAL_WORK), role.code());
        }
        // Policy 10: organisations on application and the service logs are the operations manager's; the system
        // administrator reads both and approves users; exporting stays with the operations manager.
        assertTrue(Role.CENTER_OPERATIONS_MANAGER.permissions().containsAll(Set.of(
                Permission.ORGANISATION_REGISTRATION, Permission.ORGANISATION_VIEWING,
                Permission.SERVICE_LOG_MANAGEMENT, Permission.SERVICE_LOG_VIEWING)));
        assertFalse(Role.CENTER_OPERATIONS_MANAGER.permissions().contains(Permission.USER_REGISTRATION));
        assertTrue(Role.CENTER_SYSTEM_ADMINISTRATOR.permissions().containsAll(Set.of(Permission.USER_REGISTRATION,
                Permission.ORGANISATION_VIEWING, Permission.SERVICE_LOG_VIEWING, Permission.BACKUP)));
        assertFalse(Role.CENTER_SYSTEM_ADMINISTRATOR.permissions().contains(Permission.ORGANISATION_REGISTRATION));
        assertFalse(Role.CENTER_SYSTEM_ADMINISTRATOR.permissions().contains(Permission.SERVICE_LOG_MANAGEMENT));
        assertFalse(Role.CENTER_MEDIA_MANAGER.permissions().contains(Permission.SERVICE_LOG_MANAGEMENT));
        // The full right includes its narrower ones.
        assertTrue(Role.INSURER_BUSINESS_MANAGER.permissions().containsAll(
                Set.of(Permission.REGISTER_CARD_DATA, Permission.CARD_DATA_ENTRY, Permission.CARD_DATA_STATUS)));
    }

    @Test
    void callerHoldingAFullRightMayWhatItsNarrowerRightsAllow() {
        Caller manager = new Caller("m", "00000001", "x", "INSURER:BUSINESS_MANAGER",
                Set.of(Permission.REGISTER_CARD_DATA));
        assertTrue(manager.may(Permission.CARD_DATA_STATUS));
        assertFalse(new Caller("s", "00000001", "x", "INSURER:STAFF", Set.of(Permission.CARD_DATA_ENTRY))
                .may(Permission.REGISTER_CARD_DATA));
    }

    @Test
    void operationsNeedTheDocumentedRights() throws Exception {
        assertEquals(List.of(Permission.VERIFY_CARD), OperationRights.VERIFY_ELIGIBILITY.anyOf());
        assertEquals(List.of(Permission.VIEW_VERIFICATION_RESULTS, Permission.INSURER_GENERAL_WORK,
                Permission.SERVICE_LOG_VIEWING), OperationRights.GET_VERIFICATION.anyOf());
        assertEquals(List.of(Permission.VIEW_VERIFICATION_RESULTS), OperationRights.LIST_VERIFICATIONS.anyOf());
        assertEquals(List.of(Permission.CHANGE_OWN_PASSWORD), OperationRights.CHANGE_PASSWORD.anyOf());
        assertEquals(List.of(Permission.CHANGE_OWN_PASSWORD), OperationRights.GET_PROFILE.anyOf());
        assertEquals(List.of(Permission.CARD_DATA_ENTRY), OperationRights.REGISTER_CARDS.anyOf());
        assertEquals(List.of(Permission.REGISTER_CARD_DATA), OperationRights.END_ELIGIBILITY.anyOf());
        assertEquals(List.of(Permission.CARD_DATA_STATUS), OperationRights.GET_REGISTRY_STATUS.anyOf());
        assertEquals(List.of(Permission.CARD_DATA_STATUS), OperationRights.LIST_CARD_DIGESTS.anyOf());
        for (OperationRights batch : List.of(OperationRights.VERIFY_ELIGIBILITY_BATCH, OperationRights.SUBMIT_BATCH,
                OperationRights.GET_BATCH_RESULT)) {
            assertEquals(List.of(Permission.VERIFY_CARD), batch.anyOf(), batch.operationName());
        }
        // Served means in the contract: each service's WSDL operations are exactly its served operations here.
        for (String service : List.of("EligibilityService", "AccountService", "CardRegistryService", "AdminService")) {
            assertEquals(wsdlOperations(service), Arrays.stream(OperationRights.values())
                    .filter(op -> op.served() && op.service().equals(service))
                    .map(OperationRights::operationName).collect(java.util.stream.Collectors.toSet()), service);
        }
        assertTrue(OperationRights.served("replaceAllCards").isEmpty(), "planned operations are not served");
    }

    private static void assertTable(RoleTable table, Map<Role, String> source) {
        List<Executable> cells = new ArrayList<>();
        assertEquals(source.keySet(), Set.copyOf(Arrays.stream(Role.values())
                .filter(role -> role.table() == table && role.person()).toList()));
        source.forEach((role, row) -> {
            String[] marks = row.split(" ");
            assertEquals(table.columns().size(), marks.length, role.code());
            for (int i = 0; i < marks.length; i++) {
                Column column = table.columns().get(i);
                String expected = marks[i];
                cells.add(() -> assertEquals(expected, role.cell(column).mark(),
                        role.code() + " × " + column.english()));
            }
        });
        assertAll(cells);
    }

    private static List<String> english(RoleTable table) {
        return table.columns().stream().map(Column::english).toList();
    }

    private static Map<Role, String> rows(Object... roleThenRow) {
        Map<Role, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < roleThenRow.length; i += 2) {
            rows.put((Role) roleThenRow[i], (String) roleThenRow[i + 1]);
        }
        return rows;
    }

    /** The operation names of a service's portType, read from its WSDL on the classpath (wsdl module). */
    private static Set<String> wsdlOperations(String service) throws Exception {
        try (java.io.InputStream wsdl = RoleMatrixTest.class.getClassLoader()
                .getResourceAsStream("wsdl/" + service + ".wsdl")) {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            org.w3c.dom.NodeList operations = factory.newDocumentBuilder().parse(wsdl)
                    .getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "portType").item(0).getChildNodes();
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < operations.getLength(); i++) {
                if (operations.item(i) instanceof org.w3c.dom.Element operation
                        && "operation".equals(operation.getLocalName())) {
                    names.add(operation.getAttribute("name"));
                }
            }
            return names;
        }
    }
}
