package jp.hokensho.center.security;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;

/**
 * Remembers on the CXF exchange that a refusal was already written to the unauthorised-access log with
 * its precise reason, so the fault-chain logger (which sees only WSS4J's generic error) does not log it again.
 */
public final class RefusalMarks {
    private static final String LOGGED = RefusalMarks.class.getName() + ".logged";

    private RefusalMarks() {
    }

    public static void markLogged(Object messageContext) {
        if (messageContext instanceof Message message && message.getExchange() != null) {
            message.getExchange().put(LOGGED, Boolean.TRUE);
        }
    }

    public static boolean isLogged(Message message) {
        Exchange exchange = message.getExchange();
        return exchange != null && Boolean.TRUE.equals(exchange.get(LOGGED));
    }
}
