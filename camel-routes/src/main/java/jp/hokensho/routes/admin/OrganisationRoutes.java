package jp.hokensho.routes.admin;

import java.util.List;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.OrganisationListing;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** AdminService, organisations: {@code listOrganisations}. */
public final class OrganisationRoutes extends RouteBuilder {
    private final Authoriser authoriser;
    private final OrganisationListing organisations;

    public OrganisationRoutes(RefusalLog refusals, OrganisationListing organisations) {
        this.authoriser = new Authoriser(refusals);
        this.organisations = organisations;
    }

    @Override
    public void configure() {
        from("direct:listOrganisations").routeId("admin-list-organisations")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.LIST_ORGANISATIONS))
                .process(this::list);
    }

    void list(Exchange exchange) {
        List<?> parameters = exchange.getIn().getBody(List.class);
        Object includeEnded = parameters == null || parameters.isEmpty() ? null : parameters.get(0);
        // A list answer goes in a list of one: a List body is taken as the operation's list of outputs.
        exchange.getMessage().setBody(List.of(organisations.list(Boolean.TRUE.equals(includeEnded))));
    }
}
