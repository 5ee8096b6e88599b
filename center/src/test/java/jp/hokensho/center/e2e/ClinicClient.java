package jp.hokensho.center.e2e;

import jakarta.xml.ws.BindingProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.EligibilityService;
import jp.hokensho.center.soap.CenterCrypto;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * A clinic's WS-Security client, configured only from the demo's {@code client.properties}, exactly as an
 * outside integrator would: its key, the center's certificate, a user and a password.
 */
final class ClinicClient {
    private ClinicClient() {
    }

    static Properties load(Path clientProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(clientProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static EligibilityPortType connect(Properties client) throws Exception {
        return connect(client, settings -> { });
    }

    /** @param adjust changes the request context before use (other user, password, key, …) */
    static EligibilityPortType connect(Properties client, Consumer<Map<String, Object>> adjust) throws Exception {
        EligibilityService service = new EligibilityService(new java.net.URL(client.getProperty("wsdl")),
                new QName("http://hokensho.jp/verification/eligibility/v1", "EligibilityService"));
        EligibilityPortType port = service.getEligibilityPort();
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        Map<String, Object> settings = securitySettings(client);
        adjust.accept(settings);
        context.putAll(settings);
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, client.getProperty("endpoint"));
        return port;
    }

    static Map<String, Object> securitySettings(Properties client) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        Crypto crypto = crypto(client.getProperty("keystore"), client.getProperty("keystorePassword"),
                client.getProperty("keyAlias"), client.getProperty("truststore"),
                client.getProperty("truststorePassword"));
        settings.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        settings.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        settings.put(SecurityConstants.SIGNATURE_USERNAME, client.getProperty("keyAlias"));
        settings.put(SecurityConstants.ENCRYPT_USERNAME, client.getProperty("serverAlias"));
        settings.put(SecurityConstants.USERNAME, client.getProperty("username"));
        settings.put(SecurityConstants.PASSWORD, client.getProperty("password"));
        String keyPassword = client.getProperty("keystorePassword");
        settings.put(SecurityConstants.CALLBACK_HANDLER, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback password
                        && password.getUsage() != WSPasswordCallback.USERNAME_TOKEN) {
                    password.setPassword(keyPassword);
                }
            }
        });
        settings.put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM,
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        // Own token store: the in-process insurer adapter shuts its CXF bus down when a test stops it, which
        // closes the shared EHCache stores of other endpoints in this JVM.
        settings.put(org.apache.cxf.ws.security.SecurityConstants.TOKEN_STORE_CACHE_INSTANCE,
                new org.apache.cxf.ws.security.tokenstore.MemoryTokenStore());
        return settings;
    }

    static Crypto crypto(String keystore, String keystorePassword, String alias, String truststore,
                         String truststorePassword) {
        return CenterCrypto.merlin(Path.of(keystore), keystorePassword, alias, Path.of(truststore),
                truststorePassword);
    }
}
