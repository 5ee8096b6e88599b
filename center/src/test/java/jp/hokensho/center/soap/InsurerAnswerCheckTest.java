package jp.hokensho.center.soap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import jp.hokensho.center.ca.CertificateAuthority;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.Test;

/** An insurer's answer counts only when signed by that insurer's own certificate, not any CA-issued one. */
class InsurerAnswerCheckTest {
    private final CertificateAuthority ca = CertificateAuthority.create("CN=Test CA", Duration.ofDays(1),
            Clock.systemUTC());
    private final X509Certificate insurer = ca.issue("CN=org-00000001", Duration.ofDays(1)).certificate();
    private final X509Certificate clinic = ca.issue("CN=org-1311234567", Duration.ofDays(1)).certificate();

    @Test
    void answerSignedByTheInsurerIsAcceptedAndByAnotherCaIssuedKeyRefused() throws Exception {
        KeyStore truststore = KeyStore.getInstance("PKCS12");
        truststore.load(null, null);
        truststore.setCertificateEntry("org-00000001", insurer);
        InsurerAnswerCheck check = new InsurerAnswerCheck(truststore);

        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)));
        assertThrows(Fault.class, () -> check.handleMessage(answerSignedBy(clinic)));
        assertThrows(Fault.class, () -> check.handleMessage(answerSignedBy(null)), "unsigned");
    }

    private static SoapMessage answerSignedBy(X509Certificate signer) {
        ExchangeImpl exchange = new ExchangeImpl();
        MessageImpl request = new MessageImpl();
        request.put(SecurityConstants.ENCRYPT_USERNAME, "org-00000001");
        exchange.setOutMessage(request);
        SoapMessage answer = new SoapMessage(Soap11.getInstance());
        answer.setExchange(exchange);
        if (signer != null) {
            WSSecurityEngineResult signature = new WSSecurityEngineResult(WSConstants.SIGN);
            signature.put(WSSecurityEngineResult.TAG_X509_CERTIFICATE, signer);
            answer.put(WSHandlerConstants.RECV_RESULTS,
                    List.of(new WSHandlerResult(null, List.of(signature), java.util.Map.of(WSConstants.SIGN,
                            List.of(signature)))));
        }
        return answer;
    }
}
