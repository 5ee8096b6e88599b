package jp.hokensho.routes.verification;

import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.InsurerAvailability;
import org.apache.camel.CamelContext;
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
    private final VerificationHistory history;
    private final RealtimeInsurerRoutes realtimeInsurers;

    public EligibilityRoutes(VerificationSteps steps, VerificationHistory history) {
        this(steps, history, InsurerAvailability.IGNORED, BreakerSettings.DEFAULTS);
    }

    public EligibilityRoutes(VerificationSteps steps, VerificationHistory history, InsurerAvailability availability,
                             BreakerSettings breaker) {
        this.steps = steps;
        this.history = history;
        this.realtimeInsurers = new RealtimeInsurerRoutes(new InsurerQueryCall(steps.refusals()), availability,
                breaker);
    }

    /** The real-time insurer routes come along: the verification route sends to them. */
    @Override
    public void addRoutesToCamelContext(CamelContext context) throws Exception {
        super.addRoutesToCamelContext(context);
        realtimeInsurers.addRoutesToCamelContext(context);
    }

    @Override
    public void configure() {
        from("cxf:bean:" + ENTRY_ENDPOINT).routeId("eligibility-entry")
                .recipientList(simple("direct:${header.operationName}"));

        from("direct:verifyEligibility").routeId("verify-eligibility")
                .process(exchange -> steps.authorise(exchange, OperationRights.VERIFY_ELIGIBILITY))
                .process(steps::normaliseQuery)
                .process(steps::replayKeptAnswer)
                .filter(VerificationSteps::notAnsweredYet)
                    .process(steps::assignNumber)
                    .to("direct:verify-one")
                .end();

        // One normalised, numbered query → answer + audit record; shared with bulk verification (BatchRoutes).
        from("direct:verify-one").routeId("verify-one")
                .process(steps::lookUpInsurer)
                .choice()
                    .when(VerificationSteps::insurerUnknown).log("insurer not in the directory")
                    .when(VerificationSteps::preStored).process(steps::readCardStore)
                    .otherwise().to("direct:realtime-insurer")
                .end()
                .process(steps::evaluateRecordAndReply);

        from("direct:getVerification").routeId("get-verification")
                .process(exchange -> steps.authorise(exchange, OperationRights.GET_VERIFICATION))
                .process(history::find);

        from("direct:listVerifications").routeId("list-verifications")
                .process(exchange -> steps.authorise(exchange, OperationRights.LIST_VERIFICATIONS))
                .process(history::list);
    }
}
