package jp.hokensho.center.e2e;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import java.net.URL;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import jp.hokensho.contract.account.AccountPortType;

/**
 * A WS-Security client of any of the center's services, set up from the demo's {@code client.properties} like
 * {@link ClinicClient} (same key, user and password), with the service's own WSDL fetched from the center.
 */
final class AccountClient {
    static final String ACCOUNT_NS = "http://hokensho.jp/verification/account/v1";

    private AccountClient() {
    }

    /** The AccountService beside the EligibilityService of {@code client.properties}. */
    static AccountPortType connect(Properties client, Consumer<Map<String, Object>> adjust) throws Exception {
        return connect(AccountPortType.class, accountAddress(client), new QName(ACCOUNT_NS, "AccountService"),
                new QName(ACCOUNT_NS, "AccountPort"), client, adjust);
    }

    /** Any service: its WSDL from {@code address?wsdl}, the client's key and person, then {@code adjust}. */
    static <T> T connect(Class<T> portType, String address, QName service, QName port, Properties client,
                         Consumer<Map<String, Object>> adjust) throws Exception {
        T proxy = Service.create(new URL(address + "?wsdl"), service).getPort(port, portType);
        Map<String, Object> context = ((BindingProvider) proxy).getRequestContext();
        Map<String, Object> settings = ClinicClient.securitySettings(client);
        adjust.accept(settings);
        context.putAll(settings);
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return proxy;
    }

    /** {@code …/services/account} on the host and port of the eligibility endpoint. */
    static String accountAddress(Properties client) {
        String eligibility = client.getProperty("endpoint");
        return eligibility.substring(0, eligibility.lastIndexOf("/services/")) + "/services/account";
    }
}
