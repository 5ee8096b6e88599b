package jp.hokensho.center.bench;

import jakarta.jws.WebService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import jp.hokensho.center.soap.CenterCrypto;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.VerificationRecord;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * The reference of the benchmark: a plain CXF JAX-WS endpoint with WSS4J and nothing else. The same WSDL and policy
 * as the center (CenterSecurityPolicy: signed and encrypted body, signed and encrypted UsernameToken, timestamp,
 * RSA-SHA256 signatures), the demo center's keystore and truststore, WSS4J's own UsernameToken validator (clear
 * password from a callback) and its default replay caches; no Camel, no database, no audit. Every verifyEligibility
 * gets the same fixed answer, so the difference to the center is what the center does besides the stock security.
 */
@WebService(endpointInterface = "jp.hokensho.contract.eligibility.EligibilityPortType",
        targetNamespace = "http://hokensho.jp/verification/eligibility/v1", serviceName = "EligibilityService",
        portName = "EligibilityPort", wsdlLocation = "classpath:wsdl/EligibilityService.wsdl")
public final class StockEligibilityEndpoint implements EligibilityPortType {
    private static final String NS = "http://hokensho.jp/verification/eligibility/v1";
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private final EligibilityAnswer answer;

    private StockEligibilityEndpoint(EligibilityAnswer answer) {
        this.answer = answer;
    }

    /**
     * Serves on {@code address} until the returned server is stopped.
     *
     * @param center the demo center's settings file (keystore, truststore, passwords, key alias)
     * @param user   the one person accepted, with the clear password WSS4J's stock validator compares
     */
    static Server start(String address, Properties center, String user, String password, EligibilityAnswer answer) {
        String keyPassword = center.getProperty("center.keystore.password");
        Crypto crypto = CenterCrypto.merlin(Path.of(center.getProperty("center.keystore.path")), keyPassword,
                center.getProperty("center.keystore.alias"), Path.of(center.getProperty("center.truststore.path")),
                center.getProperty("center.truststore.password"));
        Map<String, Object> properties = new HashMap<>();
        properties.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        properties.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        properties.put(SecurityConstants.SIGNATURE_USERNAME, center.getProperty("center.keystore.alias"));
        properties.put(SecurityConstants.ENCRYPT_USERNAME, "useReqSigCert");
        properties.put(SecurityConstants.CALLBACK_HANDLER, (CallbackHandler) callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback request) {
                    if (request.getUsage() != WSPasswordCallback.USERNAME_TOKEN) {
                        request.setPassword(keyPassword);
                    } else if (user.equals(request.getIdentifier())) {
                        request.setPassword(password);
                    }
                }
            }
        });
        // Basic256Sha256 by the letter signs with RSA-SHA1; the center and its callers use RSA-SHA256.
        properties.put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, RSA_SHA256);
        // Own token store, as the center's endpoints have: a CXF bus stopping in this JVM would close the shared one.
        properties.put(org.apache.cxf.ws.security.SecurityConstants.TOKEN_STORE_CACHE_INSTANCE,
                new org.apache.cxf.ws.security.tokenstore.MemoryTokenStore());
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setServiceClass(EligibilityPortType.class);
        factory.setServiceBean(new StockEligibilityEndpoint(answer));
        factory.setAddress(address);
        factory.setWsdlLocation("classpath:wsdl/EligibilityService.wsdl");
        factory.setServiceName(new QName(NS, "EligibilityService"));
        factory.setEndpointName(new QName(NS, "EligibilityPort"));
        factory.setProperties(properties);
        return factory.create();
    }

    @Override
    public EligibilityAnswer verifyEligibility(EligibilityQuery query, String requestReference, String onBehalfOf) {
        return answer;
    }

    @Override
    public BatchProgress getBatchResult(String receptionNumber, Integer offset, Integer limit) {
        throw new UnsupportedOperationException("the stock endpoint answers verifyEligibility only");
    }

    @Override
    public VerificationRecord getVerification(String verificationNumber) {
        throw new UnsupportedOperationException("the stock endpoint answers verifyEligibility only");
    }

    @Override
    public VerificationPage listVerifications(VerificationFilter filter) {
        throw new UnsupportedOperationException("the stock endpoint answers verifyEligibility only");
    }

    @Override
    public List<BatchItemResult> verifyEligibilityBatch(List<BatchItem> item) {
        throw new UnsupportedOperationException("the stock endpoint answers verifyEligibility only");
    }

    @Override
    public BatchReception submitBatch(List<BatchItem> item) {
        throw new UnsupportedOperationException("the stock endpoint answers verifyEligibility only");
    }
}
