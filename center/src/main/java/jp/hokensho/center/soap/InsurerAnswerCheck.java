package jp.hokensho.center.soap;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
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
 * Accepts an insurer's answer only when it is signed by that insurer's own certificate (the one the request
 * was encrypted to). WSS4J alone would accept any certificate of the center's CA, so another organisation's
 * key could otherwise forge an insurer's answer.
 */
public final class InsurerAnswerCheck extends AbstractSoapInterceptor {
    private final KeyStore truststore;

    public InsurerAnswerCheck(KeyStore truststore) {
        super(Phase.PRE_PROTOCOL);
        addAfter(PolicyBasedWSS4JInInterceptor.class.getName());
        this.truststore = truststore;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Message request = message.getExchange().getOutMessage();
        Object alias = request == null ? null : request.getContextualProperty(SecurityConstants.ENCRYPT_USERNAME);
        X509Certificate expected = certificate(alias);
        X509Certificate signer = signerOf(message);
        if (expected == null || signer == null || !expected.equals(signer)) {
            throw new Fault(new SecurityException("answer not signed by the insurer's own certificate ("
                    + alias + ")"));
        }
    }

    private X509Certificate certificate(Object alias) {
        try {
            Certificate certificate = alias == null ? null : truststore.getCertificate(alias.toString());
            return certificate instanceof X509Certificate x509 ? x509 : null;
        } catch (KeyStoreException e) {
            return null;
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
