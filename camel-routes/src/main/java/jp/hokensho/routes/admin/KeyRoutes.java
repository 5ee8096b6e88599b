package jp.hokensho.routes.admin;

import java.util.List;
import java.util.function.BiFunction;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.KeyAdministrationPort;
import jp.hokensho.routes.port.KeyAdministrationRefused;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * AdminService, keys and accounts: {@code issueKey}, {@code listKeys}, {@code renewKey}, {@code revokeKey},
 * {@code unlockUser}, each authorised first; changes are made in the caller's name. A refused request answers the
 * declared {@code invalidRequest} fault with its code.
 */
public final class KeyRoutes extends RouteBuilder {
    private final Authoriser authoriser;
    private final KeyAdministrationPort keys;

    public KeyRoutes(RefusalLog refusals, KeyAdministrationPort keys) {
        this.authoriser = new Authoriser(refusals);
        this.keys = keys;
    }

    @Override
    public void configure() {
        from("direct:issueKey").routeId("admin-issue-key")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.ISSUE_KEY))
                .process(exchange -> answer(exchange, keys::issue));
        from("direct:listKeys").routeId("admin-list-keys")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.LIST_KEYS))
                // A list answer goes in a list of one: a List body is taken as the operation's list of outputs.
                .process(exchange -> answer(exchange, (code, actor) -> List.of(keys.list(code))));
        from("direct:renewKey").routeId("admin-renew-key")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.RENEW_KEY))
                .process(exchange -> answer(exchange, keys::renew));
        from("direct:revokeKey").routeId("admin-revoke-key")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.REVOKE_KEY))
                .process(exchange -> answer(exchange, keys::revoke));
        from("direct:unlockUser").routeId("admin-unlock-user")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.UNLOCK_USER))
                .process(exchange -> answer(exchange, keys::unlock));
    }

    /** Every operation here takes one text parameter (code, serial or user ID) and acts as the caller. */
    private static void answer(Exchange exchange, BiFunction<String, String, Object> operation)
            throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        List<?> parameters = exchange.getIn().getBody(List.class);
        Object parameter = parameters == null || parameters.isEmpty() ? null : parameters.get(0);
        String text = parameter == null ? null : parameter.toString().strip();
        try {
            exchange.getMessage().setBody(operation.apply(text, caller.userId()));
        } catch (KeyAdministrationRefused refused) {
            RequestFault info = new RequestFault();
            info.setCode(refused.code());
            info.setField(refused.field());
            info.setMessage(refused.getMessage());
            throw new InvalidRequestFault(refused.field() + ": " + refused.getMessage(), info);
        }
    }
}
