package jp.hokensho.insurer.security;

import java.util.List;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.UsernameToken;

/**
 * Checks the center's service account (UsernameToken) once WSS4J has verified the signature and trusted the
 * center's certificate: USER_PROTOCOL runs after the PRE_PROTOCOL WS-Security interceptor.
 */
public final class ServiceAccountInterceptor extends AbstractPhaseInterceptor<SoapMessage> {
    private final ServiceAccountVerifier verifier;

    public ServiceAccountInterceptor(ServiceAccountVerifier verifier) {
        super(Phase.USER_PROTOCOL);
        this.verifier = verifier;
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        if (MessageUtils.isRequestor(message)) {
            return;
        }
        List<WSHandlerResult> results = CastUtils.cast((List<?>) message.get(WSHandlerConstants.RECV_RESULTS));
        boolean signed = false;
        UsernameToken token = null;
        int tokens = 0;
        if (results != null) {
            for (WSHandlerResult result : results) {
                for (WSSecurityEngineResult r : result.getResults()) {
                    Object action = r.get(WSSecurityEngineResult.TAG_ACTION);
                    if (Integer.valueOf(WSConstants.SIGN).equals(action)) {
                        signed = true;
                    } else if (Integer.valueOf(WSConstants.UT).equals(action)) {
                        token = (UsernameToken) r.get(WSSecurityEngineResult.TAG_USERNAME_TOKEN);
                        tokens++;
                    }
                }
            }
        }
        // Without a trusted signature the token proves nothing; more than one token is ambiguous.
        if (!signed || tokens != 1 || token == null || !verifier.verify(token.getName(), token.getPassword())) {
            RefusalReason.mark(message.getExchange(), signed ? RefusalReason.BAD_CREDENTIALS : RefusalReason.POLICY);
            WSSecurityException e = new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
            // The same generic fault WSS4J returns for its own refusals: nothing says which check failed.
            throw new SoapFault(e.getSafeExceptionMessage(), e, e.getSafeFaultCode());
        }
    }
}
