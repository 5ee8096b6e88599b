package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationDecision;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.contract.admin.OrganisationSummary;
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.contract.admin.UserSummary;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Administration on application on the real center, signed and encrypted: a clinic's business manager applies
 * for people, the center's system administrator decides (one-time password once, one ID per person, flags of the
 * same person elsewhere, a decision only once, a rejection only with a reason), a removed person is refused from
 * the next request, and the operations manager registers an organisation from its paper application. Every
 * step beyond a role's rights is refused like a missing right.
 */
class AdminApplicationsEndToEndTest extends CenterStackTestBase {
    private static final LocalDate BIRTH = LocalDate.of(1980, 4, 1);
    private Properties console;
    private Properties clinic;
    private Properties insurer;

    @BeforeAll
    void loadClients() throws Exception {
        console = stack.consoleClient();
        clinic = stack.client();
        insurer = ClinicClient.load(stack.demo.registryClientProperties());
    }

    @Test
    void clinicAppliesForANewPersonTheAdministratorApprovesAndTheOneTimePasswordMustBeChanged() throws Exception {
        Application submitted = clinicManager().submitApplication(addition("apps-newcomer", "上野 花子",
                "ウエノ ハナコ", LocalDate.of(1990, 1, 2)));
        assertEquals(ApplicationState.PENDING, submitted.getState());
        assertEquals(DemoSeed.CLINIC, submitted.getOrganisationCode());
        assertEquals(DemoSeed.CLINIC_MANAGER, submitted.getApplicant());
        assertTrue(administrator().listApplications(ApplicationState.PENDING).stream()
                .anyMatch(application -> application.getId() == submitted.getId()));

        ApplicationDecision decision = administrator().decideApplication(submitted.getId(), true, null);

        assertEquals(ApplicationState.APPROVED, decision.getApplication().getState());
        assertEquals(DemoSeed.CENTER_ADMINISTRATOR, decision.getApplication().getDecidedBy());
        assertNotNull(decision.getApplication().getDecidedAt());
        String oneTime = decision.getOneTimePassword();
        assertNotNull(oneTime);
        Profile profile = account("apps-newcomer", oneTime).getProfile();
        assertEquals("MEDICAL_INSTITUTION:STAFF", profile.getRole());
        assertTrue(profile.isPasswordChangeRequired(), "the handed-out password must be changed first");
        UserSummary listed = clinicManager().listUsers(null).stream()
                .filter(user -> user.getUserId().equals("apps-newcomer")).findFirst().orElseThrow();
        assertEquals("上野 花子", listed.getName());
        assertEquals(LocalDate.of(1990, 1, 2), listed.getBirthDate());

        // Decided once: neither a second approval (another password) nor a rejection.
        assertFault("ALREADY_DECIDED", () -> administrator().decideApplication(submitted.getId(), true, null));
        assertFault("ALREADY_DECIDED", () -> administrator().decideApplication(submitted.getId(), false, "late"));
        assertEquals("1", db.query("SELECT COUNT(*) FROM user_account WHERE user_id = ?", "apps-newcomer").get(0));
    }

    @Test
    void aRejectionNeedsAReasonWhichTheApplicantReads() throws Exception {
        Application submitted = clinicManager().submitApplication(addition("apps-rejected", "上野 次郎",
                "ウエノ ジロウ", LocalDate.of(1985, 5, 5)));

        assertFault("REASON_REQUIRED", () -> administrator().decideApplication(submitted.getId(), false, "  "));
        administrator().decideApplication(submitted.getId(), false, "本人確認書類が不足しています");

        Application seen = clinicManager().listApplications(null).stream()
                .filter(application -> application.getId() == submitted.getId()).findFirst().orElseThrow();
        assertEquals(ApplicationState.REJECTED, seen.getState());
        assertEquals("本人確認書類が不足しています", seen.getReason());
        assertEquals("0", db.query("SELECT COUNT(*) FROM user_account WHERE user_id = ?", "apps-rejected").get(0));
    }

    @Test
    void oneIdPerPersonInAnOrganisationAndTheSamePersonElsewhereIsFlagged() throws Exception {
        Application first = clinicManager().submitApplication(addition("apps-person-a", "山田 一郎", "ヤマダ イチロウ",
                BIRTH));
        administrator().decideApplication(first.getId(), true, null);

        // The same person (kana typed in hiragana and half-width spaces) under another ID of the same clinic.
        InvalidRequestFault second = assertFault("SAME_PERSON_ACTIVE", () -> clinicManager().submitApplication(
                addition("apps-person-b", "山田　一郎", "やまだ いちろう", BIRTH)));
        assertEquals("person", second.getFaultInfo().getField());
        assertFault("USER_ID_TAKEN", () -> clinicManager().submitApplication(addition("apps-person-a", "別人 三郎",
                "ベツジン サブロウ", BIRTH)));

        // The same person at an insurer: allowed, but the reviewer sees where else the person works.
        PersonRequest atInsurer = person("apps-person-c", "INSURER:STAFF", "山田 一郎", "ヤマダイチロウ", BIRTH);
        Application elsewhere = insurerManager().submitApplication(application(ApplicationKind.USER_ADD, atInsurer));
        Application reviewed = administrator().listApplications(ApplicationState.PENDING).stream()
                .filter(application -> application.getId() == elsewhere.getId()).findFirst().orElseThrow();
        assertEquals(1, reviewed.getFlag().size(), reviewed.getFlag().toString());
        assertTrue(reviewed.getFlag().get(0).contains("apps-person-a"), reviewed.getFlag().get(0));
        assertTrue(reviewed.getFlag().get(0).contains(DemoSeed.CLINIC), reviewed.getFlag().get(0));
    }

    @Test
    void applicantsSeeOnlyTheirOwnOrganisation() throws Exception {
        Application clinics = clinicManager().submitApplication(addition("apps-private", "佐藤 花", "サトウ ハナ",
                LocalDate.of(1970, 3, 3)));

        assertFalse(insurerManager().listApplications(null).stream()
                .anyMatch(application -> application.getId() == clinics.getId()));
        assertTrue(clinicManager().listApplications(null).stream()
                .allMatch(application -> application.getOrganisationCode().equals(DemoSeed.CLINIC)));
        assertTrue(clinicManager().listUsers(null).stream()
                .allMatch(user -> user.getOrganisationCode().equals(DemoSeed.CLINIC)));
        assertTrue(administrator().listUsers(null).stream()
                .anyMatch(user -> user.getOrganisationCode().equals(DemoCards.PRE_STORED_INSURER)));

        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> clinicManager().listUsers(DemoCards.PRE_STORED_INSURER));
        SecurityFaults.assertGenericFault(() -> clinicStaff().submitApplication(addition("apps-by-staff", "鈴木 太郎",
                "スズキ タロウ", BIRTH)));
        SecurityFaults.assertGenericFault(() -> clinicManager().decideApplication(clinics.getId(), true, null));
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION", "MISSING_PERMISSION"),
                db.refusalReasonsAfter(lastRefusal));
    }

    @Test
    void anApprovedRemovalEndsTheAccountFromTheNextRequest() throws Exception {
        Application added = clinicManager().submitApplication(addition("apps-leaver", "田中 実", "タナカ ミノル",
                LocalDate.of(1975, 7, 7)));
        String oneTime = administrator().decideApplication(added.getId(), true, null).getOneTimePassword();
        AccountPortType leaver = account("apps-leaver", oneTime);
        assertEquals("apps-leaver", leaver.getProfile().getUserId());

        Application removal = clinicManager().submitApplication(application(ApplicationKind.USER_REMOVE,
                person("apps-leaver", null, null, null, null)));
        administrator().decideApplication(removal.getId(), true, "退職");

        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(leaver::getProfile);
        assertEquals(List.of("ACCOUNT_ENDED"), db.refusalReasonsAfter(lastRefusal));
        UserSummary ended = administrator().listUsers(DemoSeed.CLINIC).stream()
                .filter(user -> user.getUserId().equals("apps-leaver")).findFirst().orElseThrow();
        assertNotNull(ended.getEndedAt());
        assertFault("UNKNOWN_USER", () -> clinicManager().submitApplication(application(ApplicationKind.USER_REMOVE,
                person("apps-leaver", null, null, null, null))));
    }

    @Test
    void anApprovedChangeChangesTheRole() throws Exception {
        Application added = clinicManager().submitApplication(addition("apps-promoted", "伊藤 誠", "イトウ マコト",
                LocalDate.of(1982, 2, 2)));
        administrator().decideApplication(added.getId(), true, null);

        Application change = clinicManager().submitApplication(application(ApplicationKind.USER_CHANGE,
                person("apps-promoted", "MEDICAL_INSTITUTION:BUSINESS_MANAGER", null, null, null)));
        administrator().decideApplication(change.getId(), true, null);

        assertEquals("MEDICAL_INSTITUTION:BUSINESS_MANAGER", db.query(
                "SELECT role FROM user_account WHERE user_id = ?", "apps-promoted").get(0));
        assertFault("INVALID_FIELD", () -> clinicManager().submitApplication(application(ApplicationKind.USER_CHANGE,
                person("apps-promoted", "CENTER:SYSTEM_ADMINISTRATOR", null, null, null))));
    }

    @Test
    void organisationApplicationsBelongToTheOperationsManager() throws Exception {
        OrganisationRequest paper = new OrganisationRequest();
        paper.setCode("1319999999");
        paper.setName("谷中診療所");
        paper.setKind("MEDICAL_INSTITUTION");
        paper.setAddress("東京都台東区谷中1-1-1");
        NewApplication registration = new NewApplication();
        registration.setKind(ApplicationKind.ORGANISATION_REGISTER);
        registration.setOrganisation(paper);
        Application submitted = operationsManager().submitApplication(registration);
        assertEquals("1319999999", submitted.getOrganisationCode());

        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> administrator().decideApplication(submitted.getId(), true, null));
        SecurityFaults.assertGenericFault(() -> clinicManager().submitApplication(registration));
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION"), db.refusalReasonsAfter(lastRefusal));
        assertTrue(administrator().listApplications(null).stream()
                .anyMatch(application -> application.getId() == submitted.getId()), "the administrator reads them");

        operationsManager().decideApplication(submitted.getId(), true, "書面申請を確認");
        OrganisationSummary registered = administrator().listOrganisations(false).stream()
                .filter(organisation -> organisation.getCode().equals("1319999999")).findFirst().orElseThrow();
        assertEquals("谷中診療所", registered.getName());
        assertFault("ORGANISATION_EXISTS", () -> operationsManager().submitApplication(registration));

        // The operations manager does not decide user applications.
        Application user = clinicManager().submitApplication(addition("apps-for-ops", "高橋 光", "タカハシ ヒカル",
                BIRTH));
        SecurityFaults.assertGenericFault(() -> operationsManager().decideApplication(user.getId(), true, null));
    }

    @Test
    void theClinicAppliesToChangeItsAddress() throws Exception {
        OrganisationRequest change = new OrganisationRequest();
        change.setAddress("東京都台東区上野公園2-2");
        NewApplication application = new NewApplication();
        application.setKind(ApplicationKind.ORGANISATION_CHANGE);
        application.setOrganisation(change);
        Application submitted = clinicManager().submitApplication(application);

        operationsManager().decideApplication(submitted.getId(), true, null);

        assertEquals("東京都台東区上野公園2-2", administrator().listOrganisations(false).stream()
                .filter(organisation -> organisation.getCode().equals(DemoSeed.CLINIC)).findFirst().orElseThrow()
                .getAddress());
    }

    @Test
    void theConsoleCommandDecidesWithTheSameRules() throws Exception {
        Application submitted = clinicManager().submitApplication(addition("apps-by-console", "中村 空", "ナカムラ ソラ",
                LocalDate.of(1995, 9, 9)));
        String config = stack.demo.centerProperties().toString();

        CommandRun refused = command("reject", "--config", config, "--as", DemoSeed.CENTER_ADMINISTRATOR, "--id",
                Long.toString(submitted.getId()));
        assertEquals(2, refused.status(), refused.output());
        assertTrue(refused.output().contains("--reason"), refused.output());
        CommandRun wrongRole = command("approve", "--config", config, "--as", DemoSeed.CENTER_OPERATIONS_MANAGER,
                "--id", Long.toString(submitted.getId()));
        assertEquals(1, wrongRole.status(), wrongRole.output());
        CommandRun listed = command("list", "--config", config, "--as", DemoSeed.CENTER_ADMINISTRATOR, "--state",
                "PENDING");
        assertTrue(listed.output().contains("apps-by-console"), listed.output());

        CommandRun approved = command("approve", "--config", config, "--as", DemoSeed.CENTER_ADMINISTRATOR, "--id",
                Long.toString(submitted.getId()));
        assertEquals(0, approved.status(), approved.output());
        String oneTime = approved.output().lines().filter(line -> line.startsWith("one-time password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        assertTrue(account("apps-by-console", oneTime).getProfile().isPasswordChangeRequired());
        CommandRun again = command("approve", "--config", config, "--as", DemoSeed.CENTER_ADMINISTRATOR, "--id",
                Long.toString(submitted.getId()));
        assertEquals(1, again.status(), again.output());
        assertTrue(again.output().contains("ALREADY_DECIDED"), again.output());
    }

    private record CommandRun(int status, String output) {
    }

    /** {@code center application ARGS} as an operator types it, its output and errors together. */
    private static CommandRun command(String... args) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        String[] line = java.util.stream.Stream.concat(java.util.stream.Stream.of("application"),
                java.util.Arrays.stream(args)).toArray(String[]::new);
        int status = jp.hokensho.center.CenterMain.run(line, new java.io.PrintStream(printed, true,
                java.nio.charset.StandardCharsets.UTF_8));
        return new CommandRun(status, printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static InvalidRequestFault assertFault(String code, Executable call) {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, call);
        assertEquals(code, fault.getFaultInfo().getCode(), fault.getFaultInfo().getMessage());
        return fault;
    }

    private static NewApplication addition(String userId, String name, String kana, LocalDate birthDate) {
        return application(ApplicationKind.USER_ADD, person(userId, "MEDICAL_INSTITUTION:STAFF", name, kana,
                birthDate));
    }

    private static NewApplication application(ApplicationKind kind, PersonRequest person) {
        NewApplication application = new NewApplication();
        application.setKind(kind);
        application.setPerson(person);
        return application;
    }

    private static PersonRequest person(String userId, String role, String name, String kana, LocalDate birthDate) {
        PersonRequest person = new PersonRequest();
        person.setUserId(userId);
        person.setRole(role);
        person.setName(name);
        person.setKana(kana);
        person.setBirthDate(birthDate);
        person.setContact(name == null ? null : "03-1234-5678");
        return person;
    }

    private AdminPortType clinicManager() throws Exception {
        return AdminClient.connect(clinic, DemoSeed.CLINIC_MANAGER, stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER));
    }

    private AdminPortType clinicStaff() throws Exception {
        return AdminClient.connect(clinic, DemoSeed.CLINIC_STAFF, stack.demo.secret("user." + DemoSeed.CLINIC_STAFF));
    }

    private AdminPortType insurerManager() throws Exception {
        return AdminClient.connect(insurer, DemoSeed.INSURER_MANAGER,
                stack.demo.secret("user." + DemoSeed.INSURER_MANAGER));
    }

    private AdminPortType administrator() throws Exception {
        return AdminClient.connect(console, DemoSeed.CENTER_ADMINISTRATOR,
                stack.demo.secret("user." + DemoSeed.CENTER_ADMINISTRATOR));
    }

    private AdminPortType operationsManager() throws Exception {
        return AdminClient.connect(console, DemoSeed.CENTER_OPERATIONS_MANAGER,
                stack.demo.secret("user." + DemoSeed.CENTER_OPERATIONS_MANAGER));
    }

    private AccountPortType account(String userId, String password) throws Exception {
        return AccountClient.connect(clinic, settings -> {
            settings.put(SecurityConstants.USERNAME, userId);
            settings.put(SecurityConstants.PASSWORD, password);
        });
    }
}
