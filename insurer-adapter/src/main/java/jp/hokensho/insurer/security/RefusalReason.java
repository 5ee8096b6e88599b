package jp.hokensho.insurer.security;

import java.security.cert.CertPathValidatorException;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.ws.policy.PolicyException;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * Why a request was refused, as written to the unauthorised-access log (never sent to the caller).
 */
public enum RefusalReason {
    BAD_SIGNATURE, UNTRUSTED_KEY, BAD_CREDENTIALS, TIMESTAMP, DECRYPTION, POLICY, TOO_LARGE, MALFORMED, OTHER,
    // Refusals of the one-shot commands (never derived from a fault; set by the command's own checks):
    /** No such user (told to the operator exactly like a wrong password). */
    UNKNOWN_USER,
    /** The user exists, the password is wrong (counts towards the lock). */
    WRONG_PASSWORD,
    /** Too many wrong passwords in a row: locked for a while, even with the right one. */
    LOCKED,
    /** No password given (no INSURER_ADAPTER_PASSWORD and no console). */
    NO_PASSWORD,
    /** Authenticated, but the role lacks the command's right. */
    MISSING_PERMISSION;

    /** Marks the exchange when our own code refuses, so the fault logger need not guess from the exception. */
    public static void mark(Exchange exchange, RefusalReason reason) {
        if (exchange != null && exchange.get(RefusalReason.class) == null) {
            exchange.put(RefusalReason.class, reason);
        }
    }

    /** The reason for a fault: a mark set by our interceptors first, else derived from the WSS4J exception. */
    public static RefusalReason classify(Throwable fault, Exchange exchange) {
        RefusalReason marked = exchange == null ? null : exchange.get(RefusalReason.class);
        if (marked != null) {
            return marked;
        }
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WSSecurityException wse) {
                return fromWss4j(wse);
            }
            if (t instanceof PolicyException) {
                return POLICY;
            }
            if (t instanceof CertPathValidatorException) {
                return UNTRUSTED_KEY;
            }
            if (t instanceof javax.xml.stream.XMLStreamException || t instanceof jakarta.xml.bind.UnmarshalException) {
                return MALFORMED;
            }
        }
        return OTHER;
    }

    private static RefusalReason fromWss4j(WSSecurityException e) {
        WSSecurityException.ErrorCode code = e.getErrorCode();
        if (code == null) {
            return OTHER;
        }
        switch (code) {
            case FAILED_CHECK:
            case FAILED_SIGNATURE:
                return BAD_SIGNATURE;
            case FAILED_AUTHENTICATION:
                // Raised by certificate trust (chain or subject constraint); our credential checks mark the exchange.
                return UNTRUSTED_KEY;
            case MESSAGE_EXPIRED:
                return TIMESTAMP;
            case FAILED_ENCRYPTION:
                return DECRYPTION;
            case FAILURE:
                return "certpath".equals(e.getMsgID()) || hasCertPathCause(e) ? UNTRUSTED_KEY : OTHER;
            default:
                return POLICY;
        }
    }

    private static boolean hasCertPathCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }
}
