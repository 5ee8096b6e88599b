package jp.hokensho.insurer.security;

import java.security.cert.X509Certificate;
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

/**
 * On a client of the center: accepts an answer only if it is signed by exactly the center's certificate (or, during
 * a rollover of the center's key, its next certificate).
 * The policy references the center's token by issuer and serial, so WSS4J resolves the signer in our
 * truststore and trusts any certificate found there directly, without subject constraints (Merlin's "direct
 * trust"); a truststore that also holds another party's certificate would let that party answer for the center.
 */
public final class CenterAnswerCheck extends AbstractPhaseInterceptor<SoapMessage> {
    private final List<X509Certificate> center;

    public CenterAnswerCheck(X509Certificate center) {
        this(List.of(center));
    }

    /** @param center the center's certificates: the present one, and the next one during a rollover */
    public CenterAnswerCheck(List<X509Certificate> center) {
        // USER_PROTOCOL: after the PRE_PROTOCOL WS-Security interceptor has verified the signature.
        super(Phase.USER_PROTOCOL);
        this.center = List.copyOf(center);
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        if (!MessageUtils.isRequestor(message)) {
            return;
        }
        List<WSHandlerResult> results = CastUtils.cast((List<?>) message.get(WSHandlerConstants.RECV_RESULTS));
        boolean signedByCenter = false;
        if (results != null) {
            for (WSHandlerResult result : results) {
                for (WSSecurityEngineResult r : result.getResults()) {
                    if (Integer.valueOf(WSConstants.SIGN).equals(r.get(WSSecurityEngineResult.TAG_ACTION))) {
                        Object signer = r.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                        if (!center.contains(signer)) {
                            throw refused();
                        }
                        signedByCenter = true;
                    }
                }
            }
        }
        // An unsigned fault (e.g. the center refusing our credentials) is reported as that fault, never as success.
        if (!signedByCenter && !isFaultResponse(message)) {
            throw refused();
        }
    }

    private static boolean isFaultResponse(SoapMessage message) {
        Object code = message.get(org.apache.cxf.message.Message.RESPONSE_CODE);
        return code instanceof Integer status && status >= 500;
    }

    private static SoapFault refused() {
        WSSecurityException e = new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        return new SoapFault("the answer is not signed by the center's certificate", e, e.getFaultCode());
    }
}
