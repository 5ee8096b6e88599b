package jp.hokensho.portal.center;

import jakarta.xml.ws.BindingProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.security.auth.callback.CallbackHandler;
import jp.hokensho.contract.account.AccountService;
import jp.hokensho.contract.admin.AdminService;
import jp.hokensho.contract.eligibility.EligibilityService;
import jp.hokensho.portal.PortalSettings;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.cxf.ws.security.tokenstore.MemoryTokenStore;
import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.CryptoFactory;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * The clinic's way to the center: its organisation key ("USB key") and the center's certificate, loaded once,
 * and the WSDLs of the wsdl module (with their security policy). Opens one {@link CenterSession} per logged-in
 * person, whose own user ID and password go into every message's UsernameToken.
 */
public final class CenterConnector {
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private final Crypto crypto;
    private final String keyAlias;
    private final String keyPassword;
    private final String serverAlias;
    private final String eligibilityAddress;
    private final String accountAddress;
    private final String adminAddress;
    private final EligibilityService eligibilityService = new EligibilityService();
    private final AccountService accountService = new AccountService();
    private final AdminService adminService = new AdminService();

    public CenterConnector(PortalSettings settings) {
        this.keyAlias = settings.get("portal.key.alias");
        this.keyPassword = settings.get("portal.keystore.password");
        this.serverAlias = settings.get("portal.server.alias");
        this.crypto = merlin(settings.getPath("portal.keystore.path"), keyPassword, keyAlias,
                settings.getPath("portal.truststore.path"), settings.get("portal.truststore.password"));
        String base = settings.get("portal.center.base-url").replaceAll("/+$", "");
        this.eligibilityAddress = base + settings.get("portal.center.eligibility-path");
        this.accountAddress = base + settings.get("portal.center.account-path");
        this.adminAddress = base + settings.get("portal.center.admin-path");
    }

    /**
     * Ports for one person, each made on its first use; no message is sent yet. The services (their WSDL and policy)
     * are read once per connector: reading them per person cost about 6 ms of CPU per open, on top of the ports.
     */
    public CenterSession open(String userId, String password) {
        return new CenterSession(userId,
                () -> configure(port(eligibilityService, EligibilityService::getEligibilityPort), eligibilityAddress,
                        userId, password),
                () -> configure(port(accountService, AccountService::getAccountPort), accountAddress, userId, password),
                () -> configure(port(adminService, AdminService::getAdminPort), adminAddress, userId, password));
    }

    // One port at a time per service: JAX-WS does not promise that a Service makes ports concurrently.
    private static <S, P> P port(S service, Function<S, P> make) {
        synchronized (service) {
            return make.apply(service);
        }
    }

    private <P> P configure(P port, String address, String userId, String password) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.putAll(securitySettings(userId, password));
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return port;
    }

    private Map<String, Object> securitySettings(String userId, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SecurityConstants.SIGNATURE_CRYPTO, crypto);
        settings.put(SecurityConstants.ENCRYPT_CRYPTO, crypto);
        settings.put(SecurityConstants.SIGNATURE_USERNAME, keyAlias);
        settings.put(SecurityConstants.ENCRYPT_USERNAME, serverAlias);
        settings.put(SecurityConstants.USERNAME, userId);
        settings.put(SecurityConstants.PASSWORD, password);
        settings.put(SecurityConstants.CALLBACK_HANDLER, keyPasswordCallback());
        // Basic256Sha256 by the letter signs with RSA-SHA1, which the center refuses.
        settings.put(org.apache.cxf.ws.security.SecurityConstants.ASYMMETRIC_SIGNATURE_ALGORITHM, RSA_SHA256);
        // A token store of its own per port: nothing of one person's session is cached where another's is.
        settings.put(org.apache.cxf.ws.security.SecurityConstants.TOKEN_STORE_CACHE_INSTANCE, new MemoryTokenStore());
        return settings;
    }

    /** Gives WSS4J the key's password; the UsernameToken's password comes from the request context. */
    private CallbackHandler keyPasswordCallback() {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback password
                        && password.getUsage() != WSPasswordCallback.USERNAME_TOKEN) {
                    password.setPassword(keyPassword);
                }
            }
        };
    }

    static Crypto merlin(Path keystore, String keystorePassword, String alias, Path truststore,
                         String truststorePassword) {
        Properties properties = new Properties();
        String prefix = "org.apache.wss4j.crypto.merlin.";
        properties.setProperty("org.apache.wss4j.crypto.provider", "org.apache.wss4j.common.crypto.Merlin");
        properties.setProperty(prefix + "keystore.type", "PKCS12");
        properties.setProperty(prefix + "keystore.file", keystore.toAbsolutePath().toString());
        properties.setProperty(prefix + "keystore.password", keystorePassword);
        properties.setProperty(prefix + "keystore.alias", alias);
        properties.setProperty(prefix + "truststore.type", "PKCS12");
        properties.setProperty(prefix + "truststore.file", truststore.toAbsolutePath().toString());
        properties.setProperty(prefix + "truststore.password", truststorePassword);
        try {
            return CryptoFactory.getInstance(properties);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("cannot load the clinic's keystore " + keystore + " or truststore "
                    + truststore, e);
        }
    }
}
