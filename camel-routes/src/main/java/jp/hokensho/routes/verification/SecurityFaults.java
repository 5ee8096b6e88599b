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
}
