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

    /** The operation a refused request named (its SOAPAction header), for the log; "?" when absent. */
    public static String operationOf(Message message) {
        Message in = message.getExchange() == null ? message : message.getExchange().getInMessage();
        Object headers = in == null ? null : in.get(Message.PROTOCOL_HEADERS);
        if (headers instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                if ("SOAPAction".equalsIgnoreCase(String.valueOf(entry.getKey()))
                        && entry.getValue() instanceof java.util.List<?> values && !values.isEmpty()) {
                    return String.valueOf(values.get(0)).replace("\"", "");
                }
            }
        }
        return "?";
    }

    public static boolean isLogged(Message message) {
        Exchange exchange = message.getExchange();
        return exchange != null && Boolean.TRUE.equals(exchange.get(LOGGED));
    }
}
