package jp.hokensho.center.soap;

import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.insurer.InsurerQueryPortType;
import jp.hokensho.contract.registry.CardRegistryPortType;
import org.apache.camel.CamelContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.camel.component.cxf.transport.header.CxfHeaderFilterStrategy;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;

/**
 * Builds the CXF endpoints the routes use: the entries of the EligibilityService and the AccountService
 * (servers, the same security) and the client to real-time insurers. The policy comes from the WSDL; keys,
 * passwords and validators from configuration.
 * Header relay is off on both, so no security header is ever copied into an answer or a forwarded request.
 */
public final class SoapEndpoints {
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String ELIGIBILITY_NS = "http://hokensho.jp/verification/eligibility/v1";
    private static final String INSURER_NS = "http://hokensho.jp/verification/insurer-query/v1";
    private static final String ACCOUNT_NS = "http://hokensho.jp/verification/account/v1";
    private static final String REGISTRY_NS = "http://hokensho.jp/verification/registry/v1";
    private static final String ADMIN_NS = "http://hokensho.jp/verification/admin/v1";
    /** Compiled once: every insurer client of the JVM validates answers with it. */
    private static final SchemaValidator INSURER_ANSWERS = new SchemaValidator(ContractSchemas.insurerQuery());

    private SoapEndpoints() {
    }

    /** The SOAP entry of clinics and hospital systems. */
    public static CxfEndpoint eligibilityServer(CamelContext context, String address, ServerSecurity security) {
        return server(context, address, ServedContract.ELIGIBILITY, security);
    }

    /** The AccountService (a person's own password), secured exactly like the EligibilityService. */
    public static CxfEndpoint accountServer(CamelContext context, String address, ServerSecurity security) {
        return server(context, address, ServedContract.ACCOUNT, security);
    }

    /** A server endpoint of one of the center's services, with the center's WS-Security. */
    public static CxfEndpoint server(CamelContext context, String address, ServedContract contract,
                                     ServerSecurity security) {
        CxfEndpoint endpoint = base(context, address, contract.serviceClass(), contract.wsdl(), contract.service(),
                contract.port());
        Map<String, Object> properties = commonSecurity(security.crypto(), security.keyAlias(),
                security.keyPasswords());
        properties.put(SecurityConstants.ENCRYPT_USERNAME, "useReqSigCert");
        properties.put(org.apache.cxf.ws.security.SecurityConstants.USERNAME_TOKEN_VALIDATOR,
                security.usernameTokenValidator());
        properties.put(org.apache.cxf.ws.security.SecurityConstants.SIGNATURE_TOKEN_VALIDATOR,
                security.signatureTrustValidator());
        properties.put(org.apache.cxf.ws.security.SecurityConstants.TIMESTAMP_TTL,
                String.valueOf(security.timestampTtlSeconds()));
        properties.put(org.apache.cxf.ws.security.SecurityConstants.TIMESTAMP_FUTURE_TTL, "60");
        properties.putAll(security.extraProperties());
        endpoint.setProperties(properties);
        security.inInterceptors().forEach(endpoint.getInInterceptors()::add);
        security.outFaultInterceptors().forEach(endpoint.getOutFaultInterceptors()::add);
        security.outInterceptors().forEach(endpoint.getOutInterceptors()::add);
        return endpoint;
    }

    /**
     * The client the routes use to call real-time insurers; the address is set per request. Requests are encrypted
     * to the insurer's certificate as the database registers it ({@code crypto} finds it there), and answers count
     * only when signed by it.
     */
    public static CxfEndpoint insurerQueryClient(CamelContext context, Crypto crypto, String keyAlias,
                                                 Map<String, String> keyPasswords, String serviceAccount,
                                                 String serviceAccountPassword, java.security.KeyStore truststore,
                                                 RegisteredInsurerCertificates insurers,
                                                 java.util.function.Supplier<String> signingAlias) {
        TLSClientParameters tls = TlsSetup.trusting(truststore);
        CxfEndpoint endpoint = base(context, "http://localhost/unset", InsurerQueryPortType.class,
                "wsdl/InsurerQueryService.wsdl", new QName(INSURER_NS, "InsurerQueryService"),
                new QName(INSURER_NS, "InsurerQueryPort"));
        Map<String, Object> properties = commonSecurity(crypto, keyAlias, keyPasswords);
        properties.put(SecurityConstants.USERNAME, serviceAccount);
        properties.put(SecurityConstants.PASSWORD, serviceAccountPassword);
        endpoint.setProperties(properties);
        endpoint.getInInterceptors().add(new InsurerAnswerCheck(insurers));
        endpoint.getInInterceptors().add(new InsurerAnswerSchemaCheck(INSURER_ANSWERS));
        // Insurers reached over HTTPS must present a certificate of the center's CA.
        endpoint.getOutInterceptors().add(new InsurerTlsTrust(tls));
        endpoint.getOutInterceptors().add(new SigningKeyChoice(signingAlias));
        return endpoint;
    }

    private static CxfEndpoint base(CamelContext context, String address, Class<?> serviceClass, String wsdl,
                                    QName service, QName port) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setCamelContext(context);
        endpoint.setAddress(address);
        endpoint.setServiceClass(serviceClass);
        endpoint.setWsdlURL("classpath:" + wsdl);
        endpoint.setServiceNameAsQName(service);
        endpoint.setPortNameAsQName(port);
        // POJO keeps every interceptor phase; RAW keeps only a few, which silently switches WS-Security off.
        endpoint.setDataFormat(DataFormat.POJO);
        CxfHeaderFilterStrategy noRelay = new CxfHeaderFilterStrategy();
        noRelay.setRelayHeaders(false);
        endpoint.setHeaderFilterStrategy(noRelay);
        return endpoint;
    }

    private static Map<String, Object> commonSecurity(Crypto crypto, String keyAlias, Map<String, String> passwords) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        properties.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        properties.put(SecurityConstants.SIGNATURE_USERNAME, keyAlias);
        properties.put(SecurityConstants.CALLBACK_HANDLER, new KeyPasswordCallback(passwords));
        // A token store of the endpoint's own: the default EHCache store can be closed under a running
        // endpoint when another CXF bus in the same JVM shuts down.
        properties.put(org.apache.cxf.ws.security.SecurityConstants.TOKEN_STORE_CACHE_INSTANCE,
                new org.apache.cxf.ws.security.tokenstore.MemoryTokenStore());
        // Basic256Sha256 by the letter signs with RSA-SHA1; the profile requires RSA-SHA256.
        properties.put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, RSA_SHA256);
        return properties;
    }

    /** A service the center serves: the generated interface, its WSDL on the classpath, and its names there. */
    public record ServedContract(Class<?> serviceClass, String wsdl, QName service, QName port) {
        public static final ServedContract ELIGIBILITY = new ServedContract(EligibilityPortType.class,
                "wsdl/EligibilityService.wsdl", new QName(ELIGIBILITY_NS, "EligibilityService"),
                new QName(ELIGIBILITY_NS, "EligibilityPort"));
        public static final ServedContract ACCOUNT = new ServedContract(AccountPortType.class,
                "wsdl/AccountService.wsdl", new QName(ACCOUNT_NS, "AccountService"),
                new QName(ACCOUNT_NS, "AccountPort"));
        public static final ServedContract REGISTRY = new ServedContract(CardRegistryPortType.class,
                "wsdl/CardRegistryService.wsdl", new QName(REGISTRY_NS, "CardRegistryService"),
                new QName(REGISTRY_NS, "CardRegistryPort"));
        public static final ServedContract ADMIN = new ServedContract(AdminPortType.class,
                "wsdl/AdminService.wsdl", new QName(ADMIN_NS, "AdminService"), new QName(ADMIN_NS, "AdminPort"));
    }

    /** What the server endpoint needs besides its address. */
    public record ServerSecurity(Crypto crypto, String keyAlias, Map<String, String> keyPasswords,
                                 Object usernameTokenValidator, Object signatureTrustValidator,
                                 int timestampTtlSeconds, Map<String, Object> extraProperties,
                                 java.util.List<Interceptor<? extends Message>> inInterceptors,
                                 java.util.List<Interceptor<? extends Message>> outFaultInterceptors,
                                 java.util.List<Interceptor<? extends Message>> outInterceptors) {
    }
}
