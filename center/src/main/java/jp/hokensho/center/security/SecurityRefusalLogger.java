package jp.hokensho.center.security;

import jp.hokensho.routes.port.RefusalLog;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * Writes WS-Security refusals raised inside WSS4J and CXF (which never reach the routes) to the
 * unauthorised-access log, with a reason derived from the WSS4J error. Runs on the out-fault chain; the
 * caller still gets only the generic security fault.
 */
public final class SecurityRefusalLogger extends AbstractPhaseInterceptor<Message> {
    private final RefusalLog refusals;

    public SecurityRefusalLogger(RefusalLog refusals) {
        super(Phase.PRE_STREAM);
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(Message message) {
        Exception fault = message.getContent(Exception.class);
        if (fault == null || RefusalMarks.isLogged(message)) {
            return;
        }
        WSSecurityException security = findSecurityCause(fault);
        RefusalReason reason = isParserLimit(fault) ? RefusalReason.OVERSIZE : security != null ? reasonOf(security)
                : isMalformedXml(fault) ? RefusalReason.MALFORMED_XML : policyReason(fault);
        if (reason != null) {
            refusals.refused(reason.name(), null, null, RefusalMarks.operationOf(message), describe(fault));
        }
    }

    static RefusalReason reasonOf(WSSecurityException security) {
        WSSecurityException.ErrorCode code = security.getErrorCode();
        if (code == null) {
            return RefusalReason.POLICY_VIOLATION;
        }
        return switch (code) {
            case MESSAGE_EXPIRED -> RefusalReason.STALE_TIMESTAMP;
            case FAILED_CHECK, FAILED_SIGNATURE -> RefusalReason.BAD_SIGNATURE;
            case FAILED_ENCRYPTION -> RefusalReason.DECRYPTION_FAILED;
            case FAILED_AUTHENTICATION, SECURITY_TOKEN_UNAVAILABLE -> RefusalReason.UNTRUSTED_KEY;
            case INVALID_SECURITY, INVALID_SECURITY_TOKEN -> isReplay(security)
                    ? RefusalReason.REPLAY : RefusalReason.POLICY_VIOLATION;
            default -> RefusalReason.POLICY_VIOLATION;
        };
    }

    /**
     * WSS4J says "A replay attack has been detected" only when its message bundle is the one xmlsec's I18n holds;
     * whichever of xmlsec's {@code Init} and WSS4J's own start ran first in the JVM decides that, and with xmlsec's
     * bundle the text is "No message with ID invalidTimestamp". The message ID does not depend on it: a timestamp
     * seen before is {@code invalidTimestamp} with INVALID_SECURITY (an expired one is MESSAGE_EXPIRED).
     */
    static boolean isReplay(WSSecurityException security) {
        String message = security.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("replay")
                || "invalidTimestamp".equals(security.getMsgID());
    }

    private static RefusalReason policyReason(Exception fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.cxf.ws.policy.PolicyException) {
                return RefusalReason.POLICY_VIOLATION;
            }
        }
        String text = describe(fault);
        return text.contains("policy alternatives") ? RefusalReason.POLICY_VIOLATION : null;
    }

    /**
     * The parser's own limits, e.g. Woodstox's 50,000 child elements of one element while the decrypted body is
     * read during decryption (before DecryptedContentLimits sees it): an oversize request, not a bad signature.
     */
    static boolean isParserLimit(Throwable fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.xml.stream.XMLStreamException
                    && String.valueOf(cause.getMessage()).matches("(?s).*Maximum .*limit.*Exceeded.*")) {
                return true;
            }
        }
        return false;
    }

    /** DTDs (XXE, entity expansion) and unreadable XML are refused by the parser before any security check. */
    public static boolean isMalformedXml(Throwable fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.xml.stream.XMLStreamException
                    || cause instanceof org.xml.sax.SAXException
                    || cause instanceof jakarta.xml.soap.SOAPException
                    || String.valueOf(cause.getMessage()).contains("DOCTYPE")) {
                return true;
            }
        }
        return false;
    }

    private static WSSecurityException findSecurityCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WSSecurityException security) {
                return security;
            }
        }
        return null;
    }

    private static String describe(Exception fault) {
        Throwable root = fault;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = fault instanceof Fault ? fault.getMessage() : fault.toString();
        return root == fault ? String.valueOf(text) : text + " / " + root;
    }


}
