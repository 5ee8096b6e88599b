package jp.hokensho.center.soap;

import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps internal errors (a database outage, a bug) from leaking their messages to callers: a fault that is
 * neither a declared business fault (with its typed detail) nor a security fault is logged in full and
 * answered with a neutral server fault.
 */
public final class FaultSanitiser extends AbstractPhaseInterceptor<Message> {
    static final String NEUTRAL = "The center could not process the request; the error has been logged";
    private static final Logger LOG = LoggerFactory.getLogger(FaultSanitiser.class);
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    public FaultSanitiser() {
        super(Phase.PREPARE_SEND);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault) || isExpected(fault)) {
            return;
        }
        LOG.error("internal error answered with a neutral fault", fault);
        message.setContent(Exception.class, new SoapFault(NEUTRAL, Fault.FAULT_CODE_SERVER));
    }

    private static boolean isExpected(Fault fault) {
        if (fault.hasDetails() || SecurityFaults.MESSAGE.equals(fault.getMessage())) {
            return true;
        }
        if (fault instanceof SoapFault soap && WSSE.equals(soap.getFaultCode().getNamespaceURI())) {
            return true;
        }
        for (Throwable cause = fault.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof jp.hokensho.contract.eligibility.InvalidRequestFault
                    || cause instanceof jp.hokensho.contract.eligibility.NotFoundFault
                    || cause instanceof org.apache.wss4j.common.ext.WSSecurityException
                    || cause instanceof org.apache.cxf.ws.policy.PolicyException) {
                return true;
            }
        }
        // Client-side mistakes CXF itself reports (unknown operation, unreadable XML) name no internals.
        return Fault.FAULT_CODE_CLIENT.equals(fault.getFaultCode());
    }
}
