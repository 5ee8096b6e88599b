package jp.hokensho.portal.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import jp.hokensho.portal.PortalSettings;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void readsIdAndPasswordInUtf8WithColonsInThePassword() {
        BasicCredentials credentials = BasicCredentials.parse(basic("clinic-staff:パス:word")).orElseThrow();

        assertEquals("clinic-staff", credentials.userId());
        assertEquals("パス:word", credentials.password());
        assertFalse(credentials.toString().contains("word"), "the password never reaches a log line");
    }

    @Test
    void anythingElseIsNoCredentials() {
        for (String header : new String[] {null, "", "Bearer abc", "Basic", "Basic !!!notbase64", basic("no-colon"),
            basic(":password-only"), basic("id-only:")}) {
            assertFalse(BasicCredentials.parse(header).isPresent(), String.valueOf(header));
        }
    }

    @Test
    void theBasePathIsConfigurableAndBlankSwitchesTheEndpointOff() {
        assertEquals("/fhir", FhirEndpoint.basePath(settings("/fhir")));
        assertEquals("/api/fhir", FhirEndpoint.basePath(settings("api/fhir/")));
        assertNull(FhirEndpoint.basePath(settings("")));
        assertThrows(IllegalArgumentException.class, () -> FhirEndpoint.basePath(settings("/")),
                "the pages own the root");
    }

    private static PortalSettings settings(String basePath) {
        return PortalSettings.load(null, Map.of("portal.fhir.base-path", basePath));
    }

    private static String basic(String idAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(idAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
