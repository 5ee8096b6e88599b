package jp.hokensho.insurer.sync;

import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.xml.ws.BindingProvider;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.registry.CardRegistryService;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.security.AdapterCrypto;
import jp.hokensho.insurer.security.CenterAnswerCheck;
import jp.hokensho.insurer.security.KeyPasswordCallback;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.tokenstore.MemoryTokenStore;

/**
 * A JAX-WS client of the center's CardRegistryService, calling as the insurer: its own key signs, the center's
 * certificate encrypts, a user of the insurer's organisation with the card-data right is the UsernameToken.
 */
public final class RegistryClient {
    public static final String WSDL = "/wsdl/CardRegistryService.wsdl";
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private RegistryClient() {
    }

    public static CardRegistryPortType connect(AdapterSettings settings, SyncSettings sync) {
        // The policy WSDL from the classpath: without it the client would send the request unsecured.
        URL wsdl = CardRegistryService.class.getResource(WSDL);
        CardRegistryPortType port = new CardRegistryService(wsdl).getCardRegistryPort();
        Map<String, Object> ctx = ((BindingProvider) port).getRequestContext();
        ctx.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, sync.registryUrl());
        var crypto = AdapterCrypto.load(settings);
        ctx.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        ctx.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        ctx.put(SecurityConstants.SIGNATURE_USERNAME, settings.keystoreAlias());
        ctx.put(SecurityConstants.ENCRYPT_USERNAME, sync.centerCertificateAlias());
        ctx.put(SecurityConstants.USERNAME, sync.username());
        ctx.put(SecurityConstants.PASSWORD, sync.password());
        ctx.put(SecurityConstants.CALLBACK_HANDLER,
                new KeyPasswordCallback(Map.of(settings.keystoreAlias(), settings.keyPassword())));
        ctx.put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, RSA_SHA256);
        // Our own token store: a CXF bus shut down elsewhere in the JVM closes the shared default stores.
        ctx.put(org.apache.cxf.ws.security.SecurityConstants.TOKEN_STORE_CACHE_INSTANCE, new MemoryTokenStore());
        // Answers must be signed by the center's own certificate, not by any other the truststore holds; during a
        // rollover of the center's key also by its next one, which signs from the center's switch time on.
        List<X509Certificate> center = new ArrayList<>();
        center.add(AdapterCrypto.trustedCertificate(settings, sync.centerCertificateAlias()));
        settings.value(AdapterSettings.CENTER_NEXT_CERTIFICATE_ALIAS)
                .ifPresent(next -> center.add(AdapterCrypto.trustedCertificate(settings, next)));
        ClientProxy.getClient(port).getInInterceptors().add(new CenterAnswerCheck(center));
        timeouts(ClientProxy.getClient(port), sync);
        return port;
    }

    private static void timeouts(Client client, SyncSettings sync) {
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(Math.min(sync.timeout().toMillis(), 10_000));
        policy.setReceiveTimeout(sync.timeout().toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }
}
