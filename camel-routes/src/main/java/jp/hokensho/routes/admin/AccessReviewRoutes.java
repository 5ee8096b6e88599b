package jp.hokensho.routes.admin;

import java.util.List;
import jp.hokensho.contract.admin.InvalidRequestFault;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.AccessReviewPort;
import jp.hokensho.routes.port.AccessReviewPort.AccessReviewRefused;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** AdminService, access review (policy 2): {@code getAccessReview}, {@code signOffAccessReview}. */
public final class AccessReviewRoutes extends RouteBuilder {
    private final Authoriser authoriser;
    private final AccessReviewPort review;

    public AccessReviewRoutes(RefusalLog refusals, AccessReviewPort review) {
        this.authoriser = new Authoriser(refusals);
        this.review = review;
    }

    @Override
    public void configure() {
        from("direct:getAccessReview").routeId("admin-get-access-review")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.GET_ACCESS_REVIEW))
                .process(exchange -> exchange.getMessage().setBody(review.review()));
        from("direct:signOffAccessReview").routeId("admin-sign-off-access-review")
                .process(exchange -> authoriser.authorise(exchange, OperationRights.SIGN_OFF_ACCESS_REVIEW))
                .process(this::signOff);
    }

    void signOff(Exchange exchange) throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        List<?> parameters = exchange.getIn().getBody(List.class);
        String organisationCode = (String) parameters.get(0);
        String comment = parameters.size() > 1 ? (String) parameters.get(1) : null;
        List<String> reenable = parameters.size() > 2 && parameters.get(2) instanceof List<?> users
                ? users.stream().map(String::valueOf).toList() : List.of();
        try {
            exchange.getMessage().setBody(review.signOff(caller.userId(), organisationCode, comment, reenable));
        } catch (AccessReviewRefused refused) {
            RequestFault info = new RequestFault();
            info.setCode(refused.code());
            info.setField(refused.field());
            info.setMessage(refused.getMessage());
            throw new InvalidRequestFault(refused.field() + ": " + refused.getMessage(), info);
        }
    }
}
