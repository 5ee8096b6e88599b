package jp.hokensho.routes.verification;

import jp.hokensho.routes.port.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;

/**
 * Finds the authenticated caller that the center's security layer put into the CXF message after the
 * signature was trusted and the password checked. Null means the security layer did not run: the caller
 * must then be refused rather than anything in the body trusted.
 */
final class CallerResolver {
    private CallerResolver() {
    }

    static Caller callerOf(Exchange exchange) {
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        return cxfMessage == null ? null : cxfMessage.get(Caller.class);
    }

    /** The serial of the key that signed the request, as the security layer put it beside the caller; or null. */
    static String signingKeySerialOf(Exchange exchange) {
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        Object serial = cxfMessage == null ? null : cxfMessage.get(Caller.SIGNING_KEY_SERIAL);
        return serial == null ? null : serial.toString();
    }
}
