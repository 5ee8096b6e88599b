package jp.hokensho.routes.verification;

import java.net.ConnectException;
import jp.hokensho.contract.TransportRule;
import jp.hokensho.routes.port.InsurerAvailability;
import jp.hokensho.routes.port.InsurerEntry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * The calls to real-time insurers. Each insurer gets its own route, made from one template on its first
 * query, with its own circuit breaker (Camel's resilience4j EIP): an insurer that keeps failing is answered
 * "unavailable" at once instead of waiting for its timeout, and trial calls close the breaker when it returns.
 * A refused connection is retried once (queryCard is idempotent; the verification is recorded only after).
 * An answer about another card, or one the evaluation cannot read, fails the call like a fault would.
 */
public final class RealtimeInsurerRoutes extends RouteBuilder {
    static final String TEMPLATE = "insurer-call";
    private static final String CALL_URI = "insurerCallUri";

    private final InsurerQueryCall insurerCall;
    private final InsurerAvailability availability;
    private final BreakerSettings breaker;

    public RealtimeInsurerRoutes(InsurerQueryCall insurerCall, InsurerAvailability availability,
                                 BreakerSettings breaker) {
        this.insurerCall = insurerCall;
        this.availability = availability;
        this.breaker = breaker;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE).templateParameter("insurerNumber")
                .from("direct:insurer-call-{{insurerNumber}}")
                .circuitBreaker().id("breaker-{{insurerNumber}}")
                    .resilience4jConfiguration()
                        .slidingWindowSize(breaker.window())
                        .minimumNumberOfCalls(breaker.minimumCalls())
                        .failureRateThreshold(breaker.failureRatePercent())
                        .waitDurationInOpenState(breaker.openSeconds())
                        .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                    .end()
                    .process(exchange -> exchange.setProperty("insurerCallStarted", System.nanoTime()))
                    .enrich("direct:insurer-query-call", insurerCall)
                    .process(insurerCall::checkAnswer)
                    .process(this::answered)
                .onFallback()
                    .process(this::unavailable)
                .end();

        from("direct:realtime-insurer").routeId("realtime-insurer")
                .choice()
                    .when(this::addressRefused).process(this::refusedAddress)
                    .otherwise()
                        .process(this::routeToInsurer)
                        .toD("${exchangeProperty." + CALL_URI + "}")
                .end();

        // Runs on enrich's copy: cleared first so nothing of the clinic's message is forwarded.
        from("direct:insurer-query-call").routeId("insurer-query-call")
                .errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false))
                .onException(ConnectException.class).maximumRedeliveries(1).redeliveryDelay(200)
                    .logExhausted(false).logStackTrace(false).end()
                .removeHeaders("*")
                .process(insurerCall::prepare)
                .removeProperties("*")
                .to("cxf:bean:" + EligibilityRoutes.INSURER_QUERY_ENDPOINT + "?synchronous=true");
    }

    /**
     * An address the center must not call: plain HTTP off loopback (a directory row written around the
     * registration check). Never called, so nothing of the query crosses the network in clear, and left out of
     * the breaker, whose state tells about the insurer's availability, not about the directory.
     */
    private boolean addressRefused(Exchange exchange) {
        return TransportRule.refusalOf(exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class)
                .endpointAddress()).isPresent();
    }

    private void refusedAddress(Exchange exchange) {
        InsurerEntry insurer = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class);
        String reason = TransportRule.refusalOf(insurer.endpointAddress()).orElseThrow();
        insurerCall.refused(exchange, reason);
        availability.unavailable(insurer.insurerNumber(), "address refused: " + reason);
    }

    /** Creates the insurer's route on its first query (insurers can be added while the center runs). */
    private void routeToInsurer(Exchange exchange) throws Exception {
        String number = exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class).insurerNumber();
        String routeId = TEMPLATE + "-" + number;
        if (exchange.getContext().getRoute(routeId) == null) {
            synchronized (this) {
                if (exchange.getContext().getRoute(routeId) == null) {
                    TemplatedRouteBuilder.builder(exchange.getContext(), TEMPLATE).routeId(routeId)
                            .parameter("insurerNumber", number).add();
                    tellBreakerOpenings(exchange.getContext().getRoute(routeId), number);
                }
            }
        }
        exchange.setProperty(CALL_URI, "direct:insurer-call-" + number);
    }

    /** Tells availability each time the insurer's breaker opens (the monthly report counts the openings). */
    private void tellBreakerOpenings(Route route, String insurerNumber) {
        route.filter("*").stream().filter(ResilienceProcessor.class::isInstance)
                .map(processor -> ((ResilienceProcessor) processor).getCircuitBreaker())
                .filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(breaker -> breaker.getEventPublisher().onStateTransition(event -> {
                    if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                        availability.breakerOpened(insurerNumber);
                    }
                }));
    }

    private void answered(Exchange exchange) {
        long started = exchange.getProperty("insurerCallStarted", Long.class);
        availability.answered(insurerNumber(exchange), (System.nanoTime() - started) / 1_000_000);
    }

    private void unavailable(Exchange exchange) {
        availability.unavailable(insurerNumber(exchange), insurerCall.unavailable(exchange));
    }

    private static String insurerNumber(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.INSURER, InsurerEntry.class).insurerNumber();
    }
}
