package jp.hokensho.insurer.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebFault;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every refused request to the unauthorised-access log with a reason code. It sits on the server's
 * out-fault chain (where CXF sends a request's failure); the caller still gets only the generic fault.
 */
public final class UnauthorisedAccessLogger extends AbstractPhaseInterceptor<Message> {
    public static final String LOGGER_NAME = "jp.hokensho.insurer.unauthorised";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Logger FAILURES = LoggerFactory.getLogger(UnauthorisedAccessLogger.class);

    private final AdapterLog table;

    public UnauthorisedAccessLogger() {
        this(AdapterLog.NONE);
    }

    /** Also writes each refusal to the unauthorised-access table through {@code table}. */
    public UnauthorisedAccessLogger(AdapterLog table) {
        super(Phase.SETUP);
        this.table = table;
    }

    @Override
    public void handleMessage(Message message) {
        Exception fault = message.getContent(Exception.class);
        if (fault == null || isBusinessFault(fault)) {
            // Contract faults (e.g. UNKNOWN_INSURER) are answers, not refusals: the access log has them.
            return;
        }
        Exchange exchange = message.getExchange();
        RefusalReason reason = RefusalReason.classify(fault, exchange);
        if (reason == RefusalReason.OTHER && !causedBy(fault, WSSecurityException.class)) {
            // Our own failure (e.g. the database is down), not a refusal: logged in full, still generic to the caller.
            FAILURES.error("request failed remote={}", remoteAddress(exchange), fault);
            return;
        }
        String remote = remoteAddress(exchange);
        String detail = detail(fault);
        LOG.warn("refused reason={} remote={} detail={}", reason, remote, detail);
        table.refusedRequest(reason, remote, detail);
    }

    private static boolean causedBy(Throwable fault, Class<? extends Throwable> type) {
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBusinessFault(Throwable fault) {
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().isAnnotationPresent(WebFault.class)) {
                return true;
            }
        }
        return false;
    }

    private static String remoteAddress(Exchange exchange) {
        Message in = exchange == null ? null : exchange.getInMessage();
        Object request = in == null ? null : in.get(AbstractHTTPDestination.HTTP_REQUEST);
        return request instanceof HttpServletRequest http ? http.getRemoteAddr() : "unknown";
    }

    /** The innermost message, for our log only; control characters are dropped so a caller cannot forge lines. */
    private static String detail(Throwable fault) {
        Throwable root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
