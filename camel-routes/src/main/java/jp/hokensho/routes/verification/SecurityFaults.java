package jp.hokensho.routes.verification;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * The one security fault every refusal answers with, worded like WSS4J's own, so a caller cannot tell
 * which check failed (signature, key, user, password, lock, permission, replay).
 */
public final class SecurityFaults {
    public static final String MESSAGE = "A security error was encountered when verifying the message";
    private static final QName INVALID_SECURITY = new QName(
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
            "InvalidSecurity", "wsse");

    private SecurityFaults() {
    }

    public static SoapFault generic() {
        return new SoapFault(MESSAGE, INVALID_SECURITY);
    }

    /** The generic fault, keeping the real cause for the center's own log (never serialised). */
    public static SoapFault generic(Throwable cause) {
        return new SoapFault(MESSAGE, cause, INVALID_SECURITY);
    }

    public static boolean isGeneric(SoapFault fault) {
        return MESSAGE.equals(fault.getMessage()) && INVALID_SECURITY.equals(fault.getFaultCode());
    }
}
