package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.security.PasswordHasher;
import javax.xml.namespace.QName;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.permission.RoleTable;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every role × every served operation on the real endpoints, each person signing with their organisation's
 * key (clinic, insurer 00000001, center), expected from the committed docs/permissions.md: allowed calls are
 * answered, refused ones get the generic fault and a MISSING_PERMISSION entry with the person and operation.
 */
class PermissionMatrixEndToEndTest extends CenterStackTestBase {
    private static final String GENERIC = SecurityFaults.GENERIC;
    private static final String PASSWORD = "Matrix-Passw0rd-1";
    private static final String NEW_PASSWORD = "Matrix-Passw0rd-2";
    private static final String INSURER = DemoSeed.REAL_TIME_INSURER;
    private static final String REGISTRY_NS = "http://hokensho.jp/verification/registry/v1";

    private Properties client;

    @BeforeAll
    void createUsers() throws Exception {
        client = stack.client();
        UserAccountStore users = new UserAccountStore(stack.center.database());
        PasswordHasher hasher = new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS);
        for (Role role : Role.values()) {
            users.create(userOf(role), organisationOf(role.table()), role.code(), hasher.hash(PASSWORD));
        }
    }

    @Test
    void everyRoleTimesEveryServedOperationAsDocumented() throws Exception {
        // A record every role that may view records may see: a clinic's verification of insurer 00000001's card.
        String number = ClinicClient.connect(client).verifyEligibility(VerificationEndToEndTest.query("00000001", "東京",
                "001", LocalDate.of(2005, 7, 8)), null, null).getVerificationNumber();
        // A batch of the clinic's organisation, which every role with card verification belongs to.
        List<jp.hokensho.contract.eligibility.BatchItem> batch = List.of(BatchVerificationEndToEndTest.item(null,
                "33120015", "大阪", "100", "2025-06-01"));
        String reception = ClinicClient.connect(client).submitBatch(batch).getReceptionNumber();
        Map<String, Map<String, Boolean>> documented = documentedOperationsByRole();
        List<Executable> cells = new ArrayList<>();
        for (Role role : Role.values()) {
            Map<String, Boolean> row = documented.get(role.code());
            assertNotNull(row, role.code() + " is documented");
            Properties as = clientOf(role);
            cells.add(cell(role, "verifyEligibility", row, () -> assertEquals(ResultCode.VALID,
                    ClinicClient.connect(as).verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                            LocalDate.of(2005, 7, 8)), null, null).getResultCode())));
            cells.add(cell(role, "getVerification", row, () -> assertEquals(number,
                    ClinicClient.connect(as).getVerification(number).getVerificationNumber())));
            // 認証結果の閲覧 lists the caller's own organisation's records: the clinic's record above for its manager.
            cells.add(cell(role, "listVerifications", row, () -> assertTrue(ClinicClient.connect(as)
                    .listVerifications(new jp.hokensho.contract.eligibility.VerificationFilter()).getRecord().stream()
                    .anyMatch(r -> number.equals(r.getVerificationNumber())))));
            // The insurer roles' own insurer 00000001 is a real-time one: a caller let in gets NOT_PRE_STORED.
            cells.add(cell(role, "registerCards", row, registry(as, port -> port.registerCards(INSURER,
                    List.of(jp.hokensho.center.demo.DemoCards.all().get(0))))));
            cells.add(cell(role, "endEligibility", row, registry(as, port -> port.endEligibility(INSURER, "東京", "001",
                    LocalDate.of(2026, 4, 1), java.time.OffsetDateTime.now()))));
            cells.add(cell(role, "getRegistryStatus", row, registry(as, port -> port.getRegistryStatus(INSURER))));
            cells.add(cell(role, "listCardDigests", row, registry(as, port -> port.listCardDigests(INSURER, null, null,
                    10))));
            cells.add(cell(role, "verifyEligibilityBatch", row, () -> assertEquals(ResultCode.VALID,
                    ClinicClient.connect(as).verifyEligibilityBatch(batch).get(0).getAnswer().getResultCode())));
            cells.add(cell(role, "submitBatch", row, () -> assertEquals(1,
                    ClinicClient.connect(as).submitBatch(batch).getTotal())));
            cells.add(cell(role, "getBatchResult", row, () -> assertEquals(reception,
                    ClinicClient.connect(as).getBatchResult(reception, 0, 1).getReceptionNumber())));
            cells.add(cell(role, "getProfile", row, () -> assertEquals(userOf(role),
                    AccountClient.connect(as, s -> { }).getProfile().getUserId())));
            adminCells(role, row, as, cells);
            cells.add(cell(role, "changePassword", row, () -> assertNotNull(
                    AccountClient.connect(as, s -> { }).changePassword(PASSWORD, NEW_PASSWORD))));
        }
        assertEquals(Arrays.stream(OperationRights.values()).filter(OperationRights::served).count() * Role.values().length,
                cells.size(), "every served operation is exercised");
        assertAll(cells);
    }

    /** The AdminService's operations (run before changePassword, which changes the password they sign with). */
    private void adminCells(Role role, Map<String, Boolean> row, Properties as, List<Executable> cells)
            throws Exception {
        cells.add(cell(role, "listOrganisations", row, () -> assertTrue(AdminClient.connect(as,
                s -> { }).listOrganisations(false).stream().anyMatch(o -> DemoSeed.CLINIC.equals(o.getCode())))));
        applicationCells(role, row, as, cells);
        cells.add(cell(role, "getAccessReview", row, () -> assertTrue(AdminClient.connect(as, s -> { })
                .getAccessReview().getUser().stream().anyMatch(u -> u.getUserId().equals(userOf(role))))));
        cells.add(cell(role, "signOffAccessReview", row, () -> assertEquals(userOf(role), AdminClient.connect(as,
                s -> { }).signOffAccessReview(DemoSeed.CENTER, "matrix", List.of()).getReviewer())));
        logCells(role, row, as, cells);
        keyCells(role, row, as, cells);
    }

    /** Keys: each role renews and revokes a key of its own, registered for it beforehand. */
    private void keyCells(Role role, Map<String, Boolean> row, Properties as, List<Executable> cells)
            throws Exception {
        cells.add(cell(role, "issueKey", row, () -> assertEquals(DemoSeed.CLINIC,
                AdminClient.connect(as, s -> { }).issueKey(DemoSeed.CLINIC).getKey().getOrganisationCode())));
        cells.add(cell(role, "listKeys", row, () -> assertTrue(!AdminClient.connect(as, s -> { })
                .listKeys(DemoSeed.CLINIC).isEmpty())));
        String toRenew = spareKey();
        cells.add(cell(role, "renewKey", row, () -> assertEquals(toRenew,
                AdminClient.connect(as, s -> { }).renewKey(toRenew).getIssued().getKey().getRenews())));
        String toRevoke = spareKey();
        cells.add(cell(role, "revokeKey", row, () -> assertEquals("REVOKED",
                AdminClient.connect(as, s -> { }).revokeKey(toRevoke).getKey().getState())));
        cells.add(cell(role, "unlockUser", row, () -> assertEquals(DemoSeed.CLINIC_STAFF,
                AdminClient.connect(as, s -> { }).unlockUser(DemoSeed.CLINIC_STAFF).getUserId())));
    }

    /**
     * Applications: a business manager applies for a staff member of its own organisation, the operations manager
     * enters a paper registration; each decider decides a pending application of its own category (the system
     * administrator a user's, the operations manager an organisation's), made by the demo clinic's manager.
     */
    private void applicationCells(Role role, Map<String, Boolean> row, Properties as, List<Executable> cells)
            throws Exception {
        String applicantId = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-applied";
        cells.add(cell(role, "submitApplication", row, () -> assertNotNull(AdminClient.connect(as, s -> { })
                .submitApplication(role.table() == RoleTable.CENTER ? paperRegistration(role)
                        : staffAddition(applicantId, role.table())).getId())));
        cells.add(cell(role, "listApplications", row, () -> assertNotNull(AdminClient.connect(as, s -> { })
                .listApplications(null))));
        long pending = pendingApplicationFor(role);
        cells.add(cell(role, "decideApplication", row, () -> assertEquals(jp.hokensho.contract.admin
                .ApplicationState.APPROVED, AdminClient.connect(as, s -> { }).decideApplication(pending, true, null)
                .getApplication().getState())));
        cells.add(cell(role, "listUsers", row, () -> assertTrue(AdminClient.connect(as, s -> { }).listUsers(null)
                .stream().anyMatch(user -> userOf(role).equals(user.getUserId())))));
    }

    /** A pending application the role would decide: a user's for user registration, else an organisation's. */
    private long pendingApplicationFor(Role role) throws Exception {
        jp.hokensho.contract.admin.AdminPortType clinicManager = AdminClient.connect(client, DemoSeed.CLINIC_MANAGER,
                stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER));
        if (role.permissions().contains(jp.hokensho.routes.port.Permission.ORGANISATION_REGISTRATION)) {
            jp.hokensho.contract.admin.OrganisationRequest change = new jp.hokensho.contract.admin.OrganisationRequest();
            change.setAddress("東京都台東区上野公園" + role.ordinal());
            jp.hokensho.contract.admin.NewApplication application = new jp.hokensho.contract.admin.NewApplication();
            application.setKind(jp.hokensho.contract.admin.ApplicationKind.ORGANISATION_CHANGE);
            application.setOrganisation(change);
            return clinicManager.submitApplication(application).getId();
        }
        String userId = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-decided";
        return clinicManager.submitApplication(staffAddition(userId, RoleTable.MEDICAL_INSTITUTION)).getId();
    }

    private static jp.hokensho.contract.admin.NewApplication staffAddition(String userId, RoleTable table) {
        jp.hokensho.contract.admin.PersonRequest person = new jp.hokensho.contract.admin.PersonRequest();
        person.setUserId(userId);
        person.setRole(table.kind() + ":STAFF");
        person.setName("行列 " + userId.length() + userId.hashCode());
        person.setKana("ギョウレツ");
        person.setBirthDate(LocalDate.of(1970, 1, 1).plusDays(Math.abs(userId.hashCode() % 10000)));
        person.setContact("03-0000-0000");
        jp.hokensho.contract.admin.NewApplication application = new jp.hokensho.contract.admin.NewApplication();
        application.setKind(jp.hokensho.contract.admin.ApplicationKind.USER_ADD);
        application.setPerson(person);
        return application;
    }

    private static jp.hokensho.contract.admin.NewApplication paperRegistration(Role role) {
        jp.hokensho.contract.admin.OrganisationRequest paper = new jp.hokensho.contract.admin.OrganisationRequest();
        paper.setCode("13190000" + String.format("%02d", role.ordinal()));
        paper.setName("行列診療所" + role.ordinal());
        paper.setKind("MEDICAL_INSTITUTION");
        paper.setAddress("東京都台東区谷中" + role.ordinal());
        jp.hokensho.contract.admin.NewApplication application = new jp.hokensho.contract.admin.NewApplication();
        application.setKind(jp.hokensho.contract.admin.ApplicationKind.ORGANISATION_REGISTER);
        application.setOrganisation(paper);
        return application;
    }

    /** Service logs and reports: every center role reads them, only the operations manager exports. */
    private void logCells(Role role, Map<String, Boolean> row, Properties as, List<Executable> cells)
            throws Exception {
        jp.hokensho.contract.admin.ServiceLogCriteria clinicRecords = new jp.hokensho.contract.admin.ServiceLogCriteria();
        clinicRecords.setLog(jp.hokensho.contract.admin.ServiceLogKind.VERIFICATION);
        clinicRecords.setOrganisationCode(DemoSeed.CLINIC);
        String number = db.query("SELECT MIN(verification_number) FROM verification_record").get(0);
        jp.hokensho.contract.admin.UsageReportRequest today = new jp.hokensho.contract.admin.UsageReportRequest();
        today.setFrom(LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")));
        today.setTo(today.getFrom());
        cells.add(cell(role, "searchServiceLogs", row, () -> assertTrue(AdminClient.connect(as, s -> { })
                .searchServiceLogs(clinicRecords, 0, 10).getTotal() > 0)));
        cells.add(cell(role, "traceVerification", row, () -> assertEquals(number, AdminClient.connect(as, s -> { })
                .traceVerification(number).getRecord().getVerificationNumber())));
        cells.add(cell(role, "exportServiceLogs", row, () -> assertTrue(AdminClient.connect(as, s -> { })
                .exportServiceLogs(clinicRecords).getRows() > 0)));
        cells.add(cell(role, "getUsageReport", row, () -> assertTrue(AdminClient.connect(as, s -> { })
                .getUsageReport(today).getRow().size() > 1)));
        cells.add(cell(role, "getMonthlyOperationsReport", row, () -> assertTrue(AdminClient.connect(as, s -> { })
                .getMonthlyOperationsReport(java.time.YearMonth.now(java.time.ZoneId.of("Asia/Tokyo")).toString(),
                        false).getVerifications() > 0)));
    }

    /** A key of the clinic registered as issued (its serial), for a renewal or revocation. */
    private String spareKey() {
        java.math.BigInteger serial = new java.math.BigInteger(100, new java.security.SecureRandom())
                .add(java.math.BigInteger.ONE);
        java.time.Instant now = java.time.Instant.now();
        new jp.hokensho.center.identity.store.CertificateStore(stack.center.database()).register(serial,
                DemoSeed.CLINIC, DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), now,
                now.plus(java.time.Duration.ofDays(100)));
        return serial.toString();
    }

    /** A CardRegistryService call for insurer 00000001: once let in, it answers NOT_PRE_STORED (a real-time insurer). */
    private static Executable registry(Properties as, RegistryCall call) {
        return () -> {
            String eligibility = as.getProperty("endpoint");
            CardRegistryPortType port = AccountClient.connect(CardRegistryPortType.class,
                    eligibility.substring(0, eligibility.lastIndexOf("/services/")) + "/services/registry",
                    new QName(REGISTRY_NS, "CardRegistryService"), new QName(REGISTRY_NS, "CardRegistryPort"), as,
                    s -> { });
            try {
                call.on(port);
                throw new AssertionError("insurer " + INSURER + " is not pre-stored, expected NOT_PRE_STORED");
            } catch (jp.hokensho.contract.registry.InvalidRequestFault e) {
                assertEquals("NOT_PRE_STORED", e.getFaultInfo().getCode());
            }
        };
    }

    private interface RegistryCall {
        void on(CardRegistryPortType port) throws Exception;
    }

    private Executable cell(Role role, String operation, Map<String, Boolean> row, Executable call) throws Exception {
        Boolean allowed = row.get(operation);
        assertNotNull(allowed, operation + " is documented");
        // Each call runs now, in order (the password change last); its outcome is asserted together at the end.
        Throwable failure = null;
        try {
            call.execute();
        } catch (Throwable e) {
            failure = e;
        }
        Throwable outcome = failure;
        String cell = role.code() + " × " + operation;
        if (allowed) {
            return () -> {
                if (outcome != null) {
                    throw new AssertionError(cell + " should be answered", outcome);
                }
            };
        }
        List<String> logged = db.refusalReasons(userOf(role), operation);
        return () -> {
            assertTrue(outcome instanceof SOAPFaultException, cell + " should be refused, got " + outcome);
            assertEquals(GENERIC, outcome.getMessage(), cell);
            assertTrue(logged.contains("MISSING_PERMISSION"), cell + " logged " + logged);
        };
    }

    private Properties clientOf(Role role) {
        Properties as = new Properties();
        as.putAll(client);
        as.setProperty("username", userOf(role));
        as.setProperty("password", PASSWORD);
        switch (role.table()) {
            case INSURER -> {
                String alias = DemoPki.aliasOf(DemoSeed.REAL_TIME_INSURER);
                as.setProperty("keystore", dir.resolve("demo").resolve("org-" + DemoSeed.REAL_TIME_INSURER + ".p12")
                        .toString());
                as.setProperty("keystorePassword", stack.demo.secret(alias));
                as.setProperty("keyAlias", alias);
            }
            case CENTER -> {
                as.setProperty("keystore", dir.resolve("demo/center.p12").toString());
                as.setProperty("keystorePassword", stack.demo.secret("center-keystore"));
                as.setProperty("keyAlias", DemoPki.CENTER_ALIAS);
            }
            case MEDICAL_INSTITUTION -> { }
        }
        return as;
    }

    private static String userOf(Role role) {
        return "matrix-" + role.name().toLowerCase().replace('_', '-');
    }

    private static String organisationOf(RoleTable table) {
        return switch (table) {
            case INSURER -> DemoSeed.REAL_TIME_INSURER;
            case MEDICAL_INSTITUTION -> DemoSeed.CLINIC;
            case CENTER -> DemoSeed.CENTER;
        };
    }

    /** The "Operations by role" table of the committed docs/permissions.md: role code → operation → ○. */
    private static Map<String, Map<String, Boolean>> documentedOperationsByRole() throws Exception {
        Path document = null;
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("docs/permissions.md"))) {
                document = d.resolve("docs/permissions.md");
                break;
            }
        }
        assertNotNull(document, "docs/permissions.md not found above " + System.getProperty("user.dir"));
        List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Operations by role");
        assertTrue(heading >= 0, "no 'Operations by role' table");
        List<String> header = cells(lines.get(heading + 2));
        Map<String, Map<String, Boolean>> matrix = new LinkedHashMap<>();
        for (int i = heading + 4; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            Map<String, Boolean> row = new LinkedHashMap<>();
            for (int column = 1; column < cells.size(); column++) {
                row.put(header.get(column), "○".equals(cells.get(column)));
            }
            matrix.put(cells.get(0).replace("`", ""), row);
        }
        return matrix;
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
    }
}
