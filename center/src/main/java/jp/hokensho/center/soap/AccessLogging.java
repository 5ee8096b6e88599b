package jp.hokensho.center.soap;

import java.math.BigInteger;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.security.CallerAuthenticationInterceptor;
import jp.hokensho.routes.port.AccessOutcome;
import jp.hokensho.routes.port.Caller;
import org.apache.cxf.binding.soap.SoapBindingConstants;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * The access log (アクセスログ): one entry per request with who (person, organisation, key serial), the
 * operation, the outcome ({@code OK}, {@code FAULT}, or what the route said: {@link AccessOutcome}) and the
 * duration. {@link #start()} goes on the in chain, {@link #finish()} on both the out and the out-fault chains.
 */
public final class AccessLogging {
    private static final String STARTED = AccessLogging.class.getName() + ".started";
    private final AccessLog log;

    public AccessLogging(AccessLog log) {
        this.log = log;
    }

    public AbstractPhaseInterceptor<Message> start() {
        return new AbstractPhaseInterceptor<>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                message.getExchange().put(STARTED, System.nanoTime());
            }
        };
    }

    public AbstractPhaseInterceptor<Message> finish() {
        return new AbstractPhaseInterceptor<>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) {
                record(message.getExchange(), message.getContent(Exception.class));
            }
        };
    }

    private void record(Exchange exchange, Exception fault) {
        Object started = exchange.get(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        Message in = exchange.getInMessage();
        Caller caller = in == null ? null : in.get(Caller.class);
        Object serial = in == null ? null : in.get(CallerAuthenticationInterceptor.SERIAL_KEY);
        Object action = in == null ? null : in.get(SoapBindingConstants.SOAP_ACTION);
        log.record(caller == null ? null : caller.userId(), caller == null ? null : caller.organisationCode(),
                serial instanceof BigInteger number ? number.toString() : null,
                action == null ? "?" : action.toString().replace("\"", ""),
                fault != null ? "FAULT" : exchange.get(AccessOutcome.KEY) instanceof String outcome ? outcome : "OK",
                millis);
    }
}
