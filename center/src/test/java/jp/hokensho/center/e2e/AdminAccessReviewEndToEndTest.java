package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.review.AccessReviewStore;
import jp.hokensho.center.review.DormantAccountSweep;
import jp.hokensho.center.review.ReviewSettings;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.admin.AccessReview;
import jp.hokensho.contract.admin.AccessReviewSignOff;
import jp.hokensho.contract.admin.AccessReviewUser;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.ReviewAccountStatus;
import jp.hokensho.contract.admin.ReviewKeyStatus;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access review (policy 2) on the real center, signed and encrypted with the center staff's key: the system
 * administrator reads every person with last use and status, a dormant person is flagged, disabled by the sweep
 * and refused from the next request (ACCOUNT_DISABLED), and re-enabled by a sign-off; an overdue review makes
 * /health DEGRADED; other roles are refused.
 */
class AdminAccessReviewEndToEndTest extends CenterStackTestBase {
    private Properties console;
    private AdminPortType administrator;

    @BeforeAll
    void loadClients() throws Exception {
        console = stack.consoleClient();
        administrator = AdminClient.connect(console, DemoSeed.CENTER_ADMINISTRATOR,
                stack.demo.secret("user." + DemoSeed.CENTER_ADMINISTRATOR));
    }

    @Test
    void administratorSeesEveryPersonWithLastUseAndADormantOneFlagged() throws Exception {
        String dormant = newClinicPerson("review-dormant", "Review-Dormant-Password-1");
        setBack(dormant, 91);

        AccessReview review = administrator.getAccessReview();

        assertEquals(90, review.getDormantDays());
        AccessReviewUser flagged = user(review, dormant);
        assertEquals(ReviewAccountStatus.DORMANT, flagged.getStatus());
        assertEquals(DemoSeed.CLINIC, flagged.getOrganisationCode());
        assertNotNull(flagged.getDisableDueAt());
        AccessReviewUser self = user(review, DemoSeed.CENTER_ADMINISTRATOR);
        assertEquals(ReviewAccountStatus.ACTIVE, self.getStatus());
        assertNotNull(self.getLastUsedAt(), "this very call is a use");
        assertEquals("システム管理者", self.getRoleName());
        assertEquals(ReviewKeyStatus.VALID, self.getKeyStatus());
        for (String person : List.of(DemoSeed.CLINIC_MANAGER, DemoSeed.CLINIC_STAFF, DemoSeed.INSURER_MANAGER,
                DemoSeed.CENTER_OPERATIONS_MANAGER, DemoSeed.CENTER_MEDIA_MANAGER)) {
            assertNotNull(user(review, person), person);
        }
        assertEquals(ReviewKeyStatus.VALID, review.getOrganisation().stream()
                .filter(o -> o.getCode().equals(DemoSeed.CLINIC)).findFirst().orElseThrow().getKeyStatus());
    }

    @Test
    void disabledPersonIsRefusedFromTheNextRequestUntilReenabledBySignOff() throws Exception {
        String password = "Review-Disabled-Password-1";
        String person = newClinicPerson("review-disabled", password);
        AccountPortType account = AccountClient.connect(stack.client(), settings -> {
            settings.put(SecurityConstants.USERNAME, person);
            settings.put(SecurityConstants.PASSWORD, password);
        });
        assertEquals(person, account.getProfile().getUserId(), "accepted, and the password check now cached");
        setBack(person, 121);

        sweep().disableDormant(Clock.systemUTC().instant());

        // (The center's own sweep, a minute after its start, may have got there first: the same outcome.)
        assertEquals(List.of("DORMANT"), db.query("SELECT SUBSTRING(disabled_reason, 1, 7) FROM user_account"
                + " WHERE user_id = ? AND disabled_at IS NOT NULL", person), "the sweep disabled the dormant person");
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(account::getProfile);
        assertEquals(List.of("ACCOUNT_DISABLED"), db.refusalReasonsAfter(lastRefusal));
        assertEquals(ReviewAccountStatus.DISABLED, user(administrator.getAccessReview(), person).getStatus());

        AccessReviewSignOff signOff = administrator.signOffAccessReview(DemoSeed.CLINIC, "継続利用を確認",
                List.of(person));

        assertEquals(DemoSeed.CENTER_ADMINISTRATOR, signOff.getReviewer());
        assertEquals(List.of(person), signOff.getReenabledUser());
        assertEquals(person, account.getProfile().getUserId(), "accepted again");
        assertEquals(ReviewAccountStatus.ACTIVE, user(administrator.getAccessReview(), person).getStatus());
        assertEquals(List.of(DemoSeed.CENTER_ADMINISTRATOR), db.query("SELECT s.reviewer_user_id"
                + " FROM access_review_sign_off s JOIN access_review_reenabled r ON r.sign_off_id = s.id WHERE r.user_id = ?", person));
    }

    @Test
    void overdueReviewShowsOnHealthUntilSignedOff() throws Exception {
        String health = "http://127.0.0.1:" + stack.center.managementPort() + "/health";
        assertTrue(get(health).contains("\"accessReviewOverdue\":[]"), "a new center has nothing overdue");
        execute("UPDATE organisation SET created_at = ? WHERE code = ?", LocalDateTime.now(ZoneOffset.UTC)
                .minusDays(91), DemoSeed.REAL_TIME_INSURER);

        String degraded = get(health);
        assertTrue(degraded.contains("\"status\":\"DEGRADED\""), degraded);
        assertTrue(degraded.contains("\"accessReviewOverdue\":[\"" + DemoSeed.REAL_TIME_INSURER + "\"]"), degraded);

        administrator.signOffAccessReview(DemoSeed.REAL_TIME_INSURER, null, List.of());
        String up = get(health);
        assertTrue(up.contains("\"status\":\"UP\"") && up.contains("\"accessReviewOverdue\":[]"), up);
    }

    @Test
    void signOffOfAnUnknownOrganisationIsATypedFault() {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class,
                () -> administrator.signOffAccessReview("NO-SUCH-ORG", null, List.of()));
        assertEquals("ORGANISATION_NOT_FOUND", fault.getFaultInfo().getCode());
        assertEquals("organisationCode", fault.getFaultInfo().getField());
    }

    @Test
    void otherRolesAreRefusedAndTheRefusalIsLogged() throws Exception {
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> AdminClient.connect(console, DemoSeed.CENTER_OPERATIONS_MANAGER,
                stack.demo.secret("user." + DemoSeed.CENTER_OPERATIONS_MANAGER)).getAccessReview());
        SecurityFaults.assertGenericFault(() -> AdminClient.connect(stack.client(), DemoSeed.CLINIC_MANAGER,
                stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER)).signOffAccessReview(DemoSeed.CLINIC, null,
                List.of()));
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION"), db.refusalReasonsAfter(lastRefusal));
    }

    /** A person of the demo clinic who may use the EligibilityService, as staff add one. */
    private String newClinicPerson(String userId, String password) {
        UserAccountStore users = new UserAccountStore(stack.center.database());
        String role = users.find(DemoSeed.CLINIC_STAFF).orElseThrow().role();
        users.create(userId, DemoSeed.CLINIC, role,
                new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(password));
        return userId;
    }

    /** Makes the person look unused for {@code days}: creation and last use set back, as if time had passed. */
    private void setBack(String userId, int days) throws Exception {
        LocalDateTime then = LocalDateTime.now(ZoneOffset.UTC).minusDays(days);
        execute("UPDATE user_account SET created_at = ?, last_used_at = ? WHERE user_id = ?", then, then, userId);
    }

    private DormantAccountSweep sweep() {
        return new DormantAccountSweep(new AccessReviewStore(stack.center.database().dataSource()),
                ReviewSettings.of(CenterSettings.load(stack.demo.centerProperties(), Map.of())), Clock.systemUTC());
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (var connection = stack.center.database().dataSource().getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertEquals(1, statement.executeUpdate(), sql);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private static AccessReviewUser user(AccessReview review, String userId) {
        return review.getUser().stream().filter(u -> u.getUserId().equals(userId)).findFirst()
                .orElseThrow(() -> new AssertionError(userId + " missing from the review"));
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
