package jp.hokensho.routes.verification;

import jp.hokensho.routes.port.Caller;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;

/**
 * Finds the authenticated caller that the center's security layer put into the CXF message after the
 * signature was trusted and the password checked. No caller means the security layer did not run:
 * refuse rather than trust anything in the body.
 */
final class CallerResolver {
    private CallerResolver() {
    }

    static Caller callerOf(Exchange exchange) {
        Message cxfMessage = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        Caller caller = cxfMessage == null ? null : cxfMessage.get(Caller.class);
        if (caller == null) {
            throw new AccessRefused("NO_AUTHENTICATED_CALLER", null, "no authenticated caller on the message");
        }
        return caller;
    }
}
