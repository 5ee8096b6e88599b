package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.ResultCode;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person's account on the real endpoint with real WS-Security: another organisation's key cannot lock it, and
 * a one-time password handed out by the center staff opens nothing but the password change.
 */
class IdentityEndToEndTest extends CenterStackTestBase {
    /** A card of the pre-stored insurer: answered from the card store, with no insurer call that could time out. */
    private static final LocalDate VALID_ON = LocalDate.of(2025, 6, 1);
    private static final String PRE_STORED_INSURER = "33120015";

    private Properties client;

    @BeforeAll
    void loadClient() throws Exception {
        client = stack.client();
    }

    @Test
    void anotherOrganisationsKeyCannotLockAPersonOut() throws Exception {
        String victim = client.getProperty("username");
        String rightPassword = client.getProperty("password");
        int lockAfter = Integer.parseInt(CenterSettings.load(stack.demo.centerProperties(), Map.of())
                .get("center.lockout.failures"));
        Properties insurerKey = ClinicClient.load(stack.demo.registryClientProperties());
        Properties foreign = new Properties();
        foreign.putAll(client);
        for (String key : List.of("keystore", "keystorePassword", "keyAlias", "truststore", "truststorePassword")) {
            foreign.setProperty(key, insurerKey.getProperty(key));
        }

        for (int i = 0; i <= lockAfter; i++) {
            String guess = "wrong-guess-" + i;
            SecurityFaults.assertGenericFault(() -> verify(ClinicClient.connect(foreign, s -> {
                s.put(SecurityConstants.USERNAME, victim);
                s.put(SecurityConstants.PASSWORD, guess);
            })));
        }
        SecurityFaults.assertGenericFault(() -> verify(ClinicClient.connect(foreign, s -> { })),
                "not even the right password opens the person to another organisation's key");

        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(client)), "the person is not locked out");
        assertEquals("0", db.query("SELECT failed_attempts FROM user_account WHERE user_id = ?", victim).get(0),
                "the foreign guesses never counted against the person");
        List<String> refusals = db.query("SELECT CONCAT(reason_code, '|', organisation_code) FROM refusal_log "
                + "WHERE user_id = ?", victim);
        assertEquals(lockAfter + 2, refusals.stream()
                .filter(("ORGANISATION_MISMATCH|" + PRE_STORED_INSURER)::equals).count(), refusals.toString());
    }

    @Test
    void aOneTimePasswordOpensOnlyThePasswordChangeThenTheNewPasswordVerifies() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AdminCli admin = new AdminCli(stack.center.database(),
                CenterSettings.load(stack.demo.centerProperties(), Map.of()), "test-operator",
                new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC());
        admin.addUser("new-receptionist", DemoSeed.CLINIC, "MEDICAL_INSTITUTION:BUSINESS_MANAGER");
        String oneTimePassword = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("initial password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        String newPassword = "Reception-Desk-2026!";

        long lastRefusal = db.lastRefusalId();
        InvalidRequestFault refused = assertThrows(InvalidRequestFault.class,
                () -> verify(asPerson("new-receptionist", oneTimePassword)));
        assertEquals("PASSWORD_CHANGE_REQUIRED", refused.getFaultInfo().getCode());
        assertEquals(List.of("PASSWORD_CHANGE_REQUIRED"), db.refusalReasonsAfter(lastRefusal));

        var account = AccountClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, "new-receptionist");
            s.put(SecurityConstants.PASSWORD, oneTimePassword);
        });
        assertEquals(true, account.getProfile().isPasswordChangeRequired(),
                "who the caller is may be asked before the change, and says the change is due");
        account.changePassword(oneTimePassword, newPassword);
        assertEquals(false, AccountClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, "new-receptionist");
            s.put(SecurityConstants.PASSWORD, newPassword);
        }).getProfile().isPasswordChangeRequired());

        assertEquals(ResultCode.VALID, verify(asPerson("new-receptionist", newPassword)));
        assertEquals("0", db.query("SELECT COUNT(*) FROM user_account WHERE user_id = ? AND password_change_required",
                "new-receptionist").get(0), "the flag is cleared");
    }

    private EligibilityPortType asPerson(String user, String password) throws Exception {
        return ClinicClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, user);
            s.put(SecurityConstants.PASSWORD, password);
        });
    }

    private static ResultCode verify(EligibilityPortType port) throws Exception {
        return port.verifyEligibility(
                VerificationEndToEndTest.query(PRE_STORED_INSURER, "大阪", "100", VALID_ON), null, null)
                .getResultCode();
    }
}
