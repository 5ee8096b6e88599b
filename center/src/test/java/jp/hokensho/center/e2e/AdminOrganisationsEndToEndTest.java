package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.contract.admin.OrganisationSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AdminService on the real center, signed and encrypted with the center staff's key: the organisations are
 * listed to the roles with the right, and refused to the others like any missing right.
 */
class AdminOrganisationsEndToEndTest extends CenterStackTestBase {
    private Properties console;

    @BeforeAll
    void loadClients() throws Exception {
        console = stack.consoleClient();
    }

    @Test
    void systemAdministratorAndOperationsManagerListTheOrganisations() throws Exception {
        for (String user : List.of(DemoSeed.CENTER_ADMINISTRATOR, DemoSeed.CENTER_OPERATIONS_MANAGER)) {
            List<OrganisationSummary> organisations = AdminClient.connect(console, user,
                    stack.demo.secret("user." + user)).listOrganisations(false);

            Map<String, OrganisationSummary> byCode = organisations.stream()
                    .collect(Collectors.toMap(OrganisationSummary::getCode, o -> o));
            assertEquals("上野の森クリニック", byCode.get(DemoSeed.CLINIC).getName(), user);
            assertEquals("MEDICAL_INSTITUTION", byCode.get(DemoSeed.CLINIC).getKind());
            assertEquals("real-time", byCode.get(DemoSeed.REAL_TIME_INSURER).getDelivery());
            assertEquals("pre-stored", byCode.get(DemoCards.PRE_STORED_INSURER).getDelivery());
            assertEquals(null, byCode.get(DemoSeed.CLINIC).getDelivery());
        }
    }

    @Test
    void mediaManagerAndClinicAreRefusedAndTheRefusalIsLogged() throws Exception {
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> AdminClient.connect(console, DemoSeed.CENTER_MEDIA_MANAGER,
                stack.demo.secret("user." + DemoSeed.CENTER_MEDIA_MANAGER)).listOrganisations(false));
        Properties clinic = stack.client();
        SecurityFaults.assertGenericFault(() -> AdminClient.connect(clinic, DemoSeed.CLINIC_MANAGER,
                stack.demo.secret("user." + DemoSeed.CLINIC_MANAGER)).listOrganisations(false));

        List<String> reasons = db.refusalReasonsAfter(lastRefusal);
        assertEquals(List.of("MISSING_PERMISSION", "MISSING_PERMISSION"), reasons);
    }
}
