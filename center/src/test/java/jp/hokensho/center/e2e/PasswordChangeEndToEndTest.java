package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.account.InvalidRequestFault;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person changes their own password on the real AccountService (same WS-Security as the EligibilityService):
 * the good change and each refusal, checked on the next verification.
 */
class PasswordChangeEndToEndTest extends CenterStackTestBase {
    private static final String NEW_PASSWORD = "Ueno-Clinic-2026!";
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);

    private final AtomicInteger users = new AtomicInteger();
    private Properties client;

    @BeforeAll
    void loadClient() throws Exception {
        client = stack.client();
    }

    @Test
    void clinicManagerChangesThePasswordOldOneRefusedNewOneAccepted() throws Exception {
        String oldPassword = stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER);
        assertEquals(ResultCode.VALID, verify(DemoSeed.CLINIC_MANAGER, oldPassword));

        OffsetDateTime changedAt = account(DemoSeed.CLINIC_MANAGER, oldPassword)
                .changePassword(oldPassword, NEW_PASSWORD);

        assertNotNull(changedAt);
        assertTrue(Duration.between(changedAt, OffsetDateTime.now()).abs().toMinutes() < 5, changedAt::toString);
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> verify(DemoSeed.CLINIC_MANAGER, oldPassword));
        assertEquals(List.of("WRONG_PASSWORD"), db.refusalReasonsAfter(lastRefusal));
        assertEquals(ResultCode.VALID, verify(DemoSeed.CLINIC_MANAGER, NEW_PASSWORD));
        assertTrue(accessLog().contains(DemoSeed.CLINIC_MANAGER + "|urn:changePassword|OK"), accessLog().toString());
    }

    @Test
    void profileNamesTheCallerItsOrganisationRoleAndRightsAndIsRefusedWithAWrongPassword() throws Exception {
        String password = stack.demo.secret("user." + DemoSeed.CLINIC_STAFF);

        jp.hokensho.contract.account.Profile profile = account(DemoSeed.CLINIC_STAFF, password).getProfile();

        assertEquals(DemoSeed.CLINIC_STAFF, profile.getUserId());
        assertEquals(DemoSeed.CLINIC, profile.getOrganisationCode());
        assertEquals("上野の森クリニック", profile.getOrganisationName());
        assertEquals("MEDICAL_INSTITUTION:STAFF", profile.getRole());
        assertEquals("担当者", profile.getRoleName());
        assertEquals(List.of("CHANGE_OWN_PASSWORD", "VERIFY_CARD"), profile.getRight());
        assertEquals(false, profile.isPasswordChangeRequired(), "the user store keeps no such flag yet");
        assertTrue(accessLog().contains(DemoSeed.CLINIC_STAFF + "|urn:getProfile|OK"), accessLog().toString());
        SecurityFaults.assertGenericFault(() -> account(DemoSeed.CLINIC_STAFF, "Not-the-passw0rd").getProfile());
    }

    @Test
    void wrongOldPasswordIsATypedFaultAndChangesNothing() throws Exception {
        String user = newUser("Start-Passw0rd-1");
        String hashBefore = passwordHash(user);
        long lastRefusal = db.lastRefusalId();

        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> account(user, "Start-Passw0rd-1").changePassword("Not-the-old-0ne", NEW_PASSWORD));

        assertEquals("WRONG_OLD_PASSWORD", fault.getFaultInfo().getCode());
        assertEquals("oldPassword", fault.getFaultInfo().getField());
        assertEquals(hashBefore, passwordHash(user), "nothing changed");
        assertEquals("1", single("SELECT failed_attempts FROM user_account WHERE user_id = ?", user),
                "counted as a failed attempt");
        assertEquals(List.of("WRONG_PASSWORD"), db.refusalReasonsAfter(lastRefusal));
        assertEquals(ResultCode.VALID, verify(user, "Start-Passw0rd-1"), "the old password still works");
        assertThrows(SOAPFaultException.class, () -> verify(user, NEW_PASSWORD));
    }

    @Test
    void ruleViolationsAreTypedFaultsNamingTheRule() throws Exception {
        String user = newUser("Start-Passw0rd-2");
        String hashBefore = passwordHash(user);
        AccountPortType account = account(user, "Start-Passw0rd-2");

        assertRule("MIN_LENGTH", account, "Sh0rt!");
        assertRule("CHARACTER_CLASSES", account, "onlylowercaseletters");
        assertRule("CHARACTER_CLASSES", account, "ＯＮＬＹＦＵＬＬＷＩＤＴＨ１２３".toLowerCase());
        assertRule("CONTAINS_USER_ID", account, "Xx-" + user.toUpperCase() + "-9!");
        assertRule("SAME_AS_OLD", account, "Start-Passw0rd-2");
        assertRule("SAME_AS_OLD", account, "Ｓｔａｒｔ－Ｐａｓｓｗ０ｒｄ－２");

        assertEquals(hashBefore, passwordHash(user), "nothing changed");
        assertEquals("0", single("SELECT failed_attempts FROM user_account WHERE user_id = ?", user),
                "a weak new password is not a failed login");
        assertEquals(ResultCode.VALID, verify(user, "Start-Passw0rd-2"));
        // Full-width characters count by NFKC: upper, lower and digits make three classes.
        assertNotNull(account.changePassword("Start-Passw0rd-2", "ＮｅｗＰａｓｓｗ２０２６"));
        assertEquals(ResultCode.VALID, verify(user, "ＮｅｗＰａｓｓｗ２０２６"));
    }

    private static void assertRule(String rule, AccountPortType account, String newPassword) {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> account.changePassword("Start-Passw0rd-2", newPassword), rule);
        assertEquals("PASSWORD_RULES", fault.getFaultInfo().getCode(), rule);
        assertEquals("newPassword", fault.getFaultInfo().getField());
        assertTrue(fault.getFaultInfo().getMessage().startsWith(rule + ": "), fault.getFaultInfo().getMessage());
        assertTrue(!fault.getFaultInfo().getMessage().contains(newPassword), "the password is never echoed");
    }

    /** A fresh clinic staff member (the demo key's organisation), so tests do not share passwords. */
    private String newUser(String password) {
        String user = "acct-" + users.incrementAndGet();
        new UserAccountStore(stack.center.database()).create(user, DemoSeed.CLINIC, "MEDICAL_INSTITUTION:STAFF",
                new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(password));
        return user;
    }

    private AccountPortType account(String user, String password) throws Exception {
        return AccountClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, user);
            s.put(SecurityConstants.PASSWORD, password);
        });
    }

    private ResultCode verify(String user, String password) throws Exception {
        EligibilityPortType port = ClinicClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, user);
            s.put(SecurityConstants.PASSWORD, password);
        });
        return port.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    private String passwordHash(String user) throws Exception {
        return single("SELECT password_hash FROM user_account WHERE user_id = ?", user);
    }

    private List<String> accessLog() throws Exception {
        return db.query("SELECT CONCAT(user_id, '|', operation, '|', outcome) FROM access_log WHERE user_id IS NOT NULL "
                + "ORDER BY id");
    }

    private String single(String sql, String parameter) throws Exception {
        List<String> values = db.query(sql, parameter);
        assertEquals(1, values.size(), sql);
        return values.get(0);
    }
}
