package jp.hokensho.routes.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.contract.account.InvalidRequestFault;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.PasswordChangeRefused;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changePassword route: the caller's own user ID goes to the port with both passwords; refusals become typed
 * faults. The getProfile route: the authenticated caller as the center sees it.
 */
class AccountRoutesTest extends CamelTestSupport {
    private static final OffsetDateTime CHANGED_AT = OffsetDateTime.of(2026, 4, 1, 5, 0, 0, 0, ZoneOffset.UTC);
    private static final Caller STAFF = new Caller("clinic-staff", "1310000001", "上野クリニック",
            Role.MEDICAL_INSTITUTION_STAFF.code(), Role.MEDICAL_INSTITUTION_STAFF.permissions());

    private final List<List<String>> changes = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final List<String> passwordChangeRequiredFor = new ArrayList<>();
    private PasswordChangeRefused refusal;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        RefusalLog log = (reason, userId, organisation, operation, detail) ->
                refusals.add(reason + "|" + userId + "|" + organisation + "|" + operation);
        return new AccountRoutes(log, (userId, oldPassword, newPassword) -> {
            changes.add(List.of(userId, oldPassword, newPassword));
            if (refusal != null) {
                throw refusal;
            }
            return CHANGED_AT;
        }, passwordChangeRequiredFor::contains);
    }

    @BeforeEach
    void replaceSoapEntry() throws Exception {
        AdviceWith.adviceWith(context, "account-entry", a -> a.replaceFromWith("direct:account"));
        context.start();
    }

    @Test
    void changesTheCallersOwnPasswordWithTheOldOneFromTheBody() {
        Exchange reply = changePassword("Old-passw0rd!", "New-passw0rd!");

        assertNull(reply.getException());
        assertEquals(CHANGED_AT, reply.getMessage().getBody(OffsetDateTime.class));
        assertEquals(List.of(List.of("clinic-staff", "Old-passw0rd!", "New-passw0rd!")), changes);
        assertTrue(refusals.isEmpty());
    }

    @Test
    void wrongOldPasswordIsATypedFaultAndAnUnauthorisedAttempt() {
        refusal = PasswordChangeRefused.wrongOldPassword();

        InvalidRequestFault fault = faultOf(changePassword("guess", "New-passw0rd!"));

        assertEquals("WRONG_OLD_PASSWORD", fault.getFaultInfo().getCode());
        assertEquals("oldPassword", fault.getFaultInfo().getField());
        assertEquals(List.of("WRONG_PASSWORD|clinic-staff|1310000001|changePassword"), refusals);
    }

    @Test
    void ruleViolationIsATypedFaultNamingTheRule() {
        refusal = PasswordChangeRefused.rule("MIN_LENGTH", "the new password needs at least 12 characters");

        InvalidRequestFault fault = faultOf(changePassword("Old-passw0rd!", "short"));

        assertEquals("PASSWORD_RULES", fault.getFaultInfo().getCode());
        assertEquals("newPassword", fault.getFaultInfo().getField());
        assertTrue(fault.getFaultInfo().getMessage().startsWith("MIN_LENGTH: "), fault.getFaultInfo().getMessage());
        assertTrue(refusals.isEmpty(), "a weak new password is not an unauthorised attempt");
    }

    @Test
    void profileIsTheAuthenticatedCallerWithItsRoleAndRights() {
        Exchange reply = getProfile(STAFF);

        assertNull(reply.getException());
        Profile profile = reply.getMessage().getBody(Profile.class);
        assertEquals("clinic-staff", profile.getUserId());
        assertEquals("1310000001", profile.getOrganisationCode());
        assertEquals("上野クリニック", profile.getOrganisationName());
        assertEquals("MEDICAL_INSTITUTION:STAFF", profile.getRole());
        assertEquals("担当者", profile.getRoleName());
        assertEquals(List.of("CHANGE_OWN_PASSWORD", "VERIFY_CARD"), profile.getRight());
        assertFalse(profile.isPasswordChangeRequired());
    }

    @Test
    void profileSaysWhenThePasswordMustBeChangedFirst() {
        passwordChangeRequiredFor.add("clinic-staff");

        assertTrue(getProfile(STAFF).getMessage().getBody(Profile.class).isPasswordChangeRequired());
    }

    @Test
    void profileIsRefusedToACallerWithoutThePasswordRight() {
        Caller serviceAccount = new Caller("center-service", "CENTER", "センター", "CENTER:SERVICE", java.util.Set.of());

        Exchange reply = getProfile(serviceAccount);

        assertNotNull(reply.getException(), "a caller without the right was answered");
        assertEquals(List.of("MISSING_PERMISSION|center-service|CENTER|getProfile"), refusals);
    }

    private Exchange getProfile(Caller caller) {
        return template.request("direct:account", exchange -> {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.put(Caller.class, caller);
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
            exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, "getProfile");
            exchange.getIn().setBody(List.of());
        });
    }

    private Exchange changePassword(String oldPassword, String newPassword) {
        return template.request("direct:account", exchange -> {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.put(Caller.class, STAFF);
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
            exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, "changePassword");
            exchange.getIn().setBody(List.of(oldPassword, newPassword));
        });
    }

    private static InvalidRequestFault faultOf(Exchange reply) {
        assertNotNull(reply.getException(), "not refused");
        for (Throwable cause = reply.getException(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidRequestFault fault) {
                return fault;
            }
        }
        throw new AssertionError("no InvalidRequestFault: " + reply.getException(), reply.getException());
    }
}
