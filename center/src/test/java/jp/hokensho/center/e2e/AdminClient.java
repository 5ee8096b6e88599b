package jp.hokensho.center.e2e;

import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.xml.namespace.QName;
import jp.hokensho.contract.admin.AdminPortType;
import org.apache.cxf.rt.security.SecurityConstants;

/**
 * A WS-Security client of the AdminService: the key of the given client properties (the center staff's from
 * {@code console-client.properties}, or an organisation's), as the given person.
 */
final class AdminClient {
    static final String ADMIN_NS = "http://hokensho.jp/verification/admin/v1";

    private AdminClient() {
    }

    /** The AdminService as {@code userId} with {@code password}, signing with the key of {@code client}. */
    static AdminPortType connect(Properties client, String userId, String password) throws Exception {
        return connect(client, settings -> {
            settings.put(SecurityConstants.USERNAME, userId);
            settings.put(SecurityConstants.PASSWORD, password);
        });
    }

    static AdminPortType connect(Properties client, Consumer<Map<String, Object>> adjust) throws Exception {
        return AccountClient.connect(AdminPortType.class, adminAddress(client), new QName(ADMIN_NS, "AdminService"),
                new QName(ADMIN_NS, "AdminPort"), client, adjust);
    }

    /** {@code …/services/admin} on the host and port of the client's endpoint. */
    static String adminAddress(Properties client) {
        String endpoint = client.getProperty("endpoint");
        return endpoint.substring(0, endpoint.lastIndexOf("/services/")) + "/services/admin";
    }
}
