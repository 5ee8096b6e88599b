package jp.hokensho.center.soap;

import java.security.cert.X509Certificate;
import java.util.List;
import jp.hokensho.routes.verification.InsurerAnswerRejected;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JInInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;

/**
 * Accepts an insurer's answer only when it is signed by that insurer's own certificate as the database registers
 * it (the one the request was encrypted to). WSS4J alone would accept any certificate of the center's CA, so
 * another organisation's key could otherwise forge an insurer's answer. A refusal is an
 * {@link InsurerAnswerRejected}: the verification is answered INSURER_UNAVAILABLE and the refusal is logged as the
 * insurer's fault (INSURER_ANSWER_REJECTED).
 */
public final class InsurerAnswerCheck extends AbstractSoapInterceptor {
    private final RegisteredInsurerCertificates certificates;

    public InsurerAnswerCheck(RegisteredInsurerCertificates certificates) {
        super(Phase.PRE_PROTOCOL);
        addAfter(PolicyBasedWSS4JInInterceptor.class.getName());
        this.certificates = certificates;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Message request = message.getExchange().getOutMessage();
        Object alias = request == null ? null : request.getContextualProperty(SecurityConstants.ENCRYPT_USERNAME);
        X509Certificate expected = alias == null ? null : certificates.byAlias(alias.toString()).orElse(null);
        X509Certificate signer = signerOf(message);
        if (expected == null || signer == null || !expected.equals(signer)) {
            throw new Fault(new InsurerAnswerRejected("signature: the answer is not signed by the insurer's registered"
                    + " certificate (" + alias + (signer == null ? ", unsigned" : ", signed by serial "
                    + signer.getSerialNumber()) + ")"));
        }
    }

    static X509Certificate signerOf(SoapMessage message) {
        @SuppressWarnings("unchecked")
        List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
        if (results == null) {
            return null;
        }
        for (WSHandlerResult result : results) {
            List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
            if (signatures != null && !signatures.isEmpty()) {
                Object certificate = signatures.get(0).get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                return certificate instanceof X509Certificate x509 ? x509 : null;
            }
        }
        return null;
    }
}
