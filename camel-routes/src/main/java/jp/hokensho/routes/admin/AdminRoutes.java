package jp.hokensho.routes.admin;

import org.apache.camel.builder.RouteBuilder;

/**
 * The AdminService's SOAP entry (bean {@value #ENTRY_ENDPOINT}, bound by the center with the same WS-Security
 * as every service): it dispatches each operation to {@code direct:<operationName>}. The operations live in one
 * route builder per area (organisations, applications, keys, access review, service logs, reports), each
 * authorising its operation first with its {@code OperationRights}.
 */
public final class AdminRoutes extends RouteBuilder {
    public static final String ENTRY_ENDPOINT = "adminEndpoint";

    @Override
    public void configure() {
        from("cxf:bean:" + ENTRY_ENDPOINT).routeId("admin-entry")
                .recipientList(simple("direct:${header.operationName}"));
    }
}
