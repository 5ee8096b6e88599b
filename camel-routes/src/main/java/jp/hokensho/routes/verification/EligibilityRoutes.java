package jp.hokensho.routes.verification;

import jp.hokensho.routes.permission.OperationRights;
import org.apache.camel.builder.RouteBuilder;

/**
 * Routes of the EligibilityService: the SOAP entry dispatches by operation to one route each. The
 * CXF endpoints (with WS-Security) are beans the center binds: {@value #ENTRY_ENDPOINT} and
 * {@value #INSURER_QUERY_ENDPOINT}.
 */
public final class EligibilityRoutes extends RouteBuilder {
    public static final String ENTRY_ENDPOINT = "eligibilityEndpoint";
    public static final String INSURER_QUERY_ENDPOINT = "insurerQueryClient";

    private final VerificationSteps steps;
    private final InsurerQueryCall insurerCall = new InsurerQueryCall();
    private final VerificationHistory history;

    public EligibilityRoutes(VerificationSteps steps, VerificationHistory history) {
        this.steps = steps;
        this.history = history;
    }

    @Override
    public void configure() {
        from("cxf:bean:" + ENTRY_ENDPOINT).routeId("eligibility-entry")
                .recipientList(simple("direct:${header.operationName}"));

        from("direct:verifyEligibility").routeId("verify-eligibility")
                .process(exchange -> steps.authorise(exchange, OperationRights.VERIFY_ELIGIBILITY))
                .process(steps::normaliseQuery)
                .process(steps::assignNumber)
                .process(steps::lookUpInsurer)
                .choice()
                    .when(VerificationSteps::insurerUnknown).log("insurer not in the directory")
                    .when(VerificationSteps::preStored).process(steps::readCardStore)
                    .otherwise().to("direct:realtime-insurer")
                .end()
                .process(steps::evaluateRecordAndReply);

        from("direct:realtime-insurer").routeId("realtime-insurer")
                .doTry()
                    .enrich("direct:insurer-query-call", insurerCall)
                .doCatch(Exception.class)
                    .process(insurerCall::unavailable)
                .end();

        // Runs on enrich's copy: cleared first so nothing of the clinic's message is forwarded.
        from("direct:insurer-query-call").routeId("insurer-query-call")
                .errorHandler(noErrorHandler())
                .removeHeaders("*")
                .process(insurerCall::prepare)
                .removeProperties("*")
                .to("cxf:bean:" + INSURER_QUERY_ENDPOINT + "?synchronous=true");

        from("direct:getVerification").routeId("get-verification")
                .process(exchange -> steps.authorise(exchange, OperationRights.GET_VERIFICATION))
                .process(history::find);
    }
}
