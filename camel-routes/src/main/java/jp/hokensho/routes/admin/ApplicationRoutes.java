package jp.hokensho.routes.admin;

import java.util.List;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.ApplicationDesk;
import jp.hokensho.routes.port.ApplicationDesk.Category;
import jp.hokensho.routes.port.ApplicationRefused;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * AdminService, applications: {@code submitApplication}, {@code listApplications}, {@code decideApplication} and
 * {@code listUsers}. After the operation's rights, the application's kind decides (ApplicationAccess): a caller
 * touching a kind or an organisation outside its rights is refused like a missing right (generic fault,
 * MISSING_PERMISSION in the unauthorised-access log).
 */
public final class ApplicationRoutes extends RouteBuilder {
    private final Authoriser authoriser;
    private final RefusalLog refusals;
    private final ApplicationDesk desk;

    public ApplicationRoutes(RefusalLog refusals, ApplicationDesk desk) {
        this.authoriser = new Authoriser(refusals);
        this.refusals = refusals;
        this.desk = desk;
    }

    @Override
    public void configure() {
        from("direct:submitApplication").routeId("admin-submit-application")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.SUBMIT_APPLICATION))
                .process(this::submit);
        from("direct:listApplications").routeId("admin-list-applications")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.LIST_APPLICATIONS))
                .process(this::list);
        from("direct:decideApplication").routeId("admin-decide-application")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.DECIDE_APPLICATION))
                .process(this::decide);
        from("direct:listUsers").routeId("admin-list-users")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.LIST_USERS))
                .process(this::listUsers);
    }

    void submit(Exchange exchange) throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        NewApplication application = (NewApplication) parameter(exchange, 0);
        if (!ApplicationAccess.maySubmit(caller, application.getKind())) {
            throw refuse(caller, "submitApplication", "may not apply for " + application.getKind());
        }
        try {
            exchange.getMessage().setBody(desk.submit(caller, application));
        } catch (ApplicationRefused refused) {
            throw fault(refused);
        }
    }

    void list(Exchange exchange) {
        Caller caller = Authoriser.authorisedCaller(exchange);
        ApplicationState state = (ApplicationState) parameter(exchange, 0);
        String organisation = ApplicationAccess.seesEveryOrganisation(caller) ? null : caller.organisationCode();
        // A list answer goes in a list of one: a List body is taken as the operation's list of outputs.
        exchange.getMessage().setBody(List.of(desk.list(organisation, ApplicationAccess.visibleCategories(caller),
                state)));
    }

    void decide(Exchange exchange) throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        long id = ((Number) parameter(exchange, 0)).longValue();
        boolean approve = Boolean.TRUE.equals(parameter(exchange, 1));
        String reason = (String) parameter(exchange, 2);
        try {
            Application application = desk.find(id).orElseThrow(() -> new ApplicationRefused(
                    "APPLICATION_NOT_FOUND", "applicationId", "no application " + id));
            Category category = Category.of(application.getKind());
            if (!ApplicationAccess.mayDecide(caller, category)) {
                throw refuse(caller, "decideApplication", "may not decide " + application.getKind() + " " + id);
            }
            exchange.getMessage().setBody(desk.decide(caller, id, approve, reason));
        } catch (ApplicationRefused refused) {
            throw fault(refused);
        }
    }

    void listUsers(Exchange exchange) {
        Caller caller = Authoriser.authorisedCaller(exchange);
        String asked = (String) parameter(exchange, 0);
        String organisation;
        if (ApplicationAccess.seesEveryUser(caller)) {
            organisation = asked == null || asked.isBlank() ? null : asked.strip();
        } else if (asked == null || asked.isBlank() || asked.strip().equals(caller.organisationCode())) {
            organisation = caller.organisationCode();
        } else {
            throw refuse(caller, "listUsers", "asked for the users of organisation " + asked.strip());
        }
        exchange.getMessage().setBody(List.of(desk.users(organisation)));
    }

    private RuntimeException refuse(Caller caller, String operation, String detail) {
        refusals.refused("MISSING_PERMISSION", caller.userId(), caller.organisationCode(), operation,
                "role " + caller.role() + " " + detail);
        return SecurityFaults.generic();
    }

    private static InvalidRequestFault fault(ApplicationRefused refused) {
        RequestFault info = new RequestFault();
        info.setCode(refused.code());
        info.setField(refused.field());
        info.setMessage(refused.getMessage());
        return new InvalidRequestFault(refused.code() + ": " + refused.getMessage(), info);
    }

    private static Object parameter(Exchange exchange, int index) {
        List<?> parameters = exchange.getIn().getBody(List.class);
        return parameters == null || parameters.size() <= index ? null : parameters.get(index);
    }
}
