package jp.hokensho.routes.verification;

import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.Exchange;

/**
 * The permission check at the entry of every operation route: the caller the center's security layer put
 * into the CXF message must hold one of the rights {@link OperationRights} lists for the operation. A refusal
 * is written to the unauthorised-access log and answered with the one generic security fault.
 */
public final class Authoriser {
    private final RefusalLog refusals;

    public Authoriser(RefusalLog refusals) {
        this.refusals = refusals;
    }

    /** Lets the caller in (and keeps it on the exchange) or refuses. */
    public Caller authorise(Exchange exchange, OperationRights operation) {
        Caller caller = CallerResolver.callerOf(exchange);
        if (caller == null) {
            refusals.refused("NO_AUTHENTICATED_CALLER", null, null, operation.operationName(),
                    "no authenticated caller on the message");
            throw SecurityFaults.generic();
        }
        if (!operation.allows(caller)) {
            refusals.refused("MISSING_PERMISSION", caller.userId(), caller.organisationCode(),
                    operation.operationName(), "role " + caller.role() + " lacks " + describe(operation));
            throw SecurityFaults.generic();
        }
        exchange.setProperty(ExchangeKeys.CALLER, caller);
        return caller;
    }

    /** The caller let in by {@link #authorise} earlier on this exchange. */
    public static Caller authorisedCaller(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.CALLER, Caller.class);
    }

    private static String describe(OperationRights operation) {
        return operation.anyOf().size() == 1 ? operation.anyOf().get(0).name()
                : "any of " + operation.anyOf();
    }
}
