package jp.hokensho.routes.account;

import java.util.List;
import jp.hokensho.contract.account.InvalidRequestFault;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.PasswordChangePort;
import jp.hokensho.routes.port.PasswordChangeRefused;
import jp.hokensho.routes.port.PasswordChangeRequirement;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes of the AccountService: the SOAP entry (bean {@value #ENTRY_ENDPOINT}, bound by the center with the
 * same WS-Security as the EligibilityService) dispatches by operation; changePassword changes the caller's
 * own password, and only with the old password in the body, although the UsernameToken carries it too;
 * getProfile tells the caller who the center takes them for (a portal's login).
 */
public final class AccountRoutes extends RouteBuilder {
    public static final String ENTRY_ENDPOINT = "accountEndpoint";

    private final Authoriser authoriser;
    private final RefusalLog refusals;
    private final PasswordChangePort passwords;
    private final PasswordChangeRequirement passwordChangeRequirement;

    public AccountRoutes(RefusalLog refusals, PasswordChangePort passwords,
                         PasswordChangeRequirement passwordChangeRequirement) {
        this.authoriser = new Authoriser(refusals);
        this.refusals = refusals;
        this.passwords = passwords;
        this.passwordChangeRequirement = passwordChangeRequirement;
    }

    @Override
    public void configure() {
        from("cxf:bean:" + ENTRY_ENDPOINT).routeId("account-entry")
                .recipientList(simple("direct:${header.operationName}"));

        from("direct:changePassword").routeId("change-password")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.CHANGE_PASSWORD))
                .process(this::changePassword);

        from("direct:getProfile").routeId("get-profile")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.GET_PROFILE))
                .process(this::profile);
    }

    void profile(Exchange exchange) {
        Caller caller = Authoriser.authorisedCaller(exchange);
        Profile profile = new Profile();
        profile.setUserId(caller.userId());
        profile.setOrganisationCode(caller.organisationCode());
        profile.setOrganisationName(caller.organisationName());
        profile.setRole(caller.role());
        profile.setRoleName(Role.ofCode(caller.role()).map(Role::japanese).orElse(caller.role()));
        caller.permissions().stream().map(Enum::name).sorted().forEach(profile.getRight()::add);
        profile.setPasswordChangeRequired(passwordChangeRequirement.isRequired(caller.userId()));
        exchange.getMessage().setBody(profile);
    }

    void changePassword(Exchange exchange) throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        List<?> parameters = exchange.getIn().getBody(List.class);
        String oldPassword = parameter(parameters, 0);
        String newPassword = parameter(parameters, 1);
        try {
            exchange.getMessage().setBody(passwords.change(caller.userId(), oldPassword, newPassword));
        } catch (PasswordChangeRefused refused) {
            if (PasswordChangeRefused.WRONG_OLD_PASSWORD.equals(refused.code())) {
                // A guess at the password by someone holding the session: an unauthorised attempt.
                refusals.refused("WRONG_PASSWORD", caller.userId(), caller.organisationCode(), "changePassword",
                        "old password in the changePassword body is not correct");
            }
            RequestFault info = new RequestFault();
            info.setCode(refused.code());
            info.setField(refused.field());
            info.setMessage(refused.getMessage());
            throw new InvalidRequestFault(refused.field() + ": " + refused.getMessage(), info);
        }
    }

    private static String parameter(List<?> parameters, int index) {
        Object value = parameters == null || parameters.size() <= index ? null : parameters.get(index);
        return value == null ? "" : value.toString();
    }
}
