package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.IssuedKey;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.InsurerEntry;
import org.apache.cxf.rt.security.SecurityConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security refusals in pairs with the good call, on the real endpoint: each refusal is generic, logged
 * with its precise reason, records no verification, and the center keeps answering good calls.
 */
class SecurityRefusalEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);

    private Properties client;

    @BeforeAll
    void loadClient() throws Exception {
        client = stack.client();
    }

    @Test
    void goodCallIsAnswered() throws Exception {
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(client)));
    }

    @Test
    void wrongPasswordUnknownUserAndStaffOfAnotherOrganisationAreRefused() throws Exception {
        assertRefused(ClinicClient.connect(client, s -> s.put(SecurityConstants.PASSWORD, "wrong")), "WRONG_PASSWORD");
        assertRefused(ClinicClient.connect(client, s -> s.put(SecurityConstants.USERNAME, "nobody")), "UNKNOWN_USER");
    }

    @Test
    void everyRequestIsInTheAccessLogWithWhoWhatAndOutcome() throws Exception {
        verify(ClinicClient.connect(client));
        assertThrows(SOAPFaultException.class,
                () -> verify(ClinicClient.connect(client, s -> s.put(SecurityConstants.PASSWORD, "wrong"))));
        List<String> rows = db.query("SELECT CONCAT(user_id, '|', organisation_code, '|', operation, '|', outcome) "
                + "FROM access_log WHERE user_id IS NOT NULL ORDER BY id");
        assertTrue(rows.contains("clinic-manager|1311234567|urn:verifyEligibility|OK"), rows.toString());
        assertFalse(db.query("SELECT outcome FROM access_log WHERE outcome = 'FAULT'").isEmpty());
        assertFalse(db.query("SELECT certificate_serial FROM access_log WHERE certificate_serial IS NOT NULL").isEmpty());
    }

    @Test
    void unsignedPlainRequestIsRefused() throws Exception {
        long before = db.verificationCount();
        long lastRefusal = db.lastRefusalId();
        String envelope = """
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Body><e:verifyEligibility xmlns:e="http://hokensho.jp/verification/eligibility/v1"
                      xmlns:t="http://hokensho.jp/verification/types/v1"><e:query><t:insurerNumber>00000001</t:insurerNumber>
                      <t:symbol>東京</t:symbol><t:number>001</t:number></e:query></e:verifyEligibility></soap:Body>
                </soap:Envelope>""";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(client.getProperty("endpoint")))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"urn:verifyEligibility\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("Fault"), response.body());
        assertFalse(response.body().contains("上野"), "no card data leaks");
        assertEquals(before, db.verificationCount());
        assertEquals(List.of("MISSING_SIGNATURE_OR_TOKEN"), db.refusalReasonsAfter(lastRefusal));
    }

    @Test
    void keyFromAForeignCaIsRefused() throws Exception {
        CertificateAuthority foreign = CertificateAuthority.create("CN=Foreign CA,O=Elsewhere,C=JP",
                Duration.ofDays(30), Clock.systemUTC());
        IssuedKey key = foreign.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), Duration.ofDays(30));
        assertRefused(withKey(key, "foreign.p12"), "UNTRUSTED_KEY");
    }

    @Test
    void centerIssuedKeyIsAcceptedUntilRevokedThenRefusedAtOnce() throws Exception {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        IssuedKey spare = ca.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"), Duration.ofDays(30));
        EligibilityPortType withSpare = withKey(spare, "spare.p12");
        assertRefused(withSpare, "UNKNOWN_KEY");

        CertificateStore certificates = new CertificateStore(stack.center.database());
        certificates.register(spare.serial(), DemoSeed.CLINIC, spare.certificate().getSubjectX500Principal().getName(),
                spare.certificate().getNotBefore().toInstant(), spare.certificate().getNotAfter().toInstant());
        assertEquals(ResultCode.VALID, verify(withSpare));

        certificates.revoke(spare.serial(), Instant.now());
        assertRefused(withSpare, "REVOKED_KEY");
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(client)), "other keys unaffected");
    }

    @Test
    void keyIssuedByTheAdminCommandWorksUntilTheCommandRevokesIt() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        jp.hokensho.center.admin.AdminCli admin = new jp.hokensho.center.admin.AdminCli(stack.center.database(),
                jp.hokensho.center.CenterSettings.load(stack.demo.centerProperties(), java.util.Map.of()),
                "test-operator", new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8),
                Clock.systemUTC());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> admin.addUser("someone", DemoSeed.CLINIC, "CENTER:SYSTEM_ADMINISTRATOR"),
                "a center role cannot be given to a clinic's person");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> admin.addUser("someone", DemoSeed.CLINIC, "MEDICAL_INSTITUTION:NO_SUCH_ROLE"));
        Path keyFile = admin.issueKey(DemoSeed.CLINIC, dir.resolve("issued"));
        String output = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        String oneTimePassword = output.lines().filter(line -> line.startsWith("one-time password"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElseThrow();
        Properties issued = new Properties();
        issued.putAll(client);
        issued.setProperty("keystore", keyFile.toString());
        issued.setProperty("keystorePassword", oneTimePassword);
        EligibilityPortType withIssuedKey = ClinicClient.connect(issued);
        assertEquals(ResultCode.VALID, verify(withIssuedKey));

        java.math.BigInteger serial = new java.math.BigInteger(output.lines().findFirst().orElseThrow().split(" ")[2]);
        assertTrue(admin.revokeKey(serial));
        assertRefused(withIssuedKey, "REVOKED_KEY");
        assertTrue(db.query("SELECT operation FROM access_log WHERE user_id = 'test-operator'").stream()
                .anyMatch(operation -> operation.startsWith("cli:key-revoke")), "admin actions are logged");
    }

    @Test
    void expiredKeyIsRefusedEvenThoughTheCaIssuedAndListedIt() throws Exception {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        Instant now = Instant.now();
        IssuedKey expired = ca.issue(DemoPki.subjectOf(DemoSeed.CLINIC, "MEDICAL_INSTITUTION"),
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        new CertificateStore(stack.center.database()).register(expired.serial(), DemoSeed.CLINIC,
                expired.certificate().getSubjectX500Principal().getName(),
                expired.certificate().getNotBefore().toInstant(), expired.certificate().getNotAfter().toInstant());
        assertRefused(withKey(expired, "expired.p12"), "EXPIRED_KEY");
    }

    @Test
    void keyOfAnotherOrganisationCannotCarryThisOrganisationsUser() throws Exception {
        CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS,
                stack.demo.secret("ca").toCharArray(), Clock.systemUTC());
        IssuedKey insurerKey = ca.issue(DemoPki.subjectOf("33120015-x", "INSURER"), Duration.ofDays(30));
        new CertificateStore(stack.center.database()).register(insurerKey.serial(), "33120015",
                insurerKey.certificate().getSubjectX500Principal().getName(),
                insurerKey.certificate().getNotBefore().toInstant(), insurerKey.certificate().getNotAfter().toInstant());
        assertRefused(withKey(insurerKey, "insurer.p12"), "ORGANISATION_MISMATCH");
    }

    @Test
    void staffWithoutResultViewingRightCannotReadPastVerifications() throws Exception {
        EligibilityPortType manager = ClinicClient.connect(client);
        String number = manager.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                SCREEN_DATE), null, null).getVerificationNumber();
        EligibilityPortType staff = ClinicClient.connect(client, s -> {
            s.put(SecurityConstants.USERNAME, DemoSeed.CLINIC_STAFF);
            s.put(SecurityConstants.PASSWORD, stack.demo.secret("user." + DemoSeed.CLINIC_STAFF));
        });
        assertEquals(ResultCode.VALID, verify(staff), "staff may verify cards");
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> staff.getVerification(number));
        assertEquals(List.of("MISSING_PERMISSION"), db.refusalReasonsAfter(lastRefusal));
    }

    @Test
    void noAnswerOrForwardedRequestCarriesAUsernameToken() throws Exception {
        InsurerRegistry insurers = new InsurerRegistry(stack.center.database());
        InsurerEntry real = insurers.find("00000001").orElseThrow();
        try (RecordingProxy toInsurer = new RecordingProxy(real.endpointAddress());
             RecordingProxy toCenter = new RecordingProxy(client.getProperty("endpoint"))) {
            insurers.register(new InsurerEntry(real.insurerNumber(), real.name(), real.address(), real.mode(),
                    toInsurer.address(), real.certificateAlias(), real.timeout()));
            stack.center.insurerDirectory().forget(); // the test changed the table directly
            EligibilityPortType viaProxy = ClinicClient.connect(client, s -> { });
            ((jakarta.xml.ws.BindingProvider) viaProxy).getRequestContext()
                    .put(jakarta.xml.ws.BindingProvider.ENDPOINT_ADDRESS_PROPERTY, toCenter.address());
            assertEquals(ResultCode.VALID, verify(viaProxy));

            assertEquals(1, toInsurer.requests.size());
            String forwarded = toInsurer.requests.get(0);
            assertEquals(1, count(forwarded, ":Security "), "only the center's own security header");
            assertFalse(forwarded.contains(client.getProperty("username")), "clinic user not forwarded");
            assertFalse(forwarded.contains(client.getProperty("password")), "clinic password not forwarded");
            for (String answer : List.of(toCenter.responses.get(0), toInsurer.responses.get(0))) {
                assertFalse(answer.contains("UsernameToken"), answer);
                assertFalse(answer.contains(client.getProperty("password")));
            }
            assertFalse(toCenter.responses.get(0).contains("上野"), "the answer body is encrypted");
        } finally {
            insurers.register(real);
            stack.center.insurerDirectory().forget(); // the test changed the table directly
        }
    }

    @Test
    void insurerAdapterAcceptsTheCentersKeyButNotAClinicKeyFromTheSameCa() throws Exception {
        Properties asCenter = new Properties();
        asCenter.putAll(client);
        asCenter.setProperty("keystore", dir.resolve("demo/center.p12").toString());
        asCenter.setProperty("keystorePassword", stack.demo.secret("center-keystore"));
        asCenter.setProperty("keyAlias", DemoPki.CENTER_ALIAS);
        asCenter.setProperty("truststore", centerTruststoreWithTheInsurer().toString());
        asCenter.setProperty("truststorePassword", stack.demo.secret("center-truststore"));
        asCenter.setProperty("serverAlias", DemoPki.aliasOf(DemoSeed.REAL_TIME_INSURER));
        asCenter.setProperty("username", "center-service");
        asCenter.setProperty("password", stack.demo.secret("service-account"));
        Properties asClinic = new Properties();
        asClinic.putAll(asCenter);
        for (String key : List.of("keystore", "keystorePassword", "keyAlias")) {
            asClinic.setProperty(key, client.getProperty(key));
        }
        String adapter = new InsurerRegistry(stack.center.database()).find("00000001").orElseThrow()
                .endpointAddress();

        assertEquals("上野 太郎", insurerPort(asCenter, adapter).queryCard("00000001", "東京", "001",
                DemoSeed.CLINIC, "00000000000000000001").getInsured().getName());
        SOAPFaultException refused = assertThrows(SOAPFaultException.class, () -> insurerPort(asClinic, adapter)
                .queryCard("00000001", "東京", "001", DemoSeed.CLINIC, "00000000000000000002"));
        assertFalse(refused.getMessage().contains("constraint"), "the refusal leaks nothing");
    }

    private static jp.hokensho.contract.insurer.InsurerQueryPortType insurerPort(Properties settings, String address)
            throws Exception {
        var service = new jp.hokensho.contract.insurer.InsurerQueryService(new java.net.URL(address + "?wsdl"),
                new javax.xml.namespace.QName("http://hokensho.jp/verification/insurer-query/v1",
                        "InsurerQueryService"));
        var port = service.getInsurerQueryPort();
        var context = ((jakarta.xml.ws.BindingProvider) port).getRequestContext();
        context.putAll(ClinicClient.securitySettings(settings));
        context.put(jakarta.xml.ws.BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        return port;
    }

    private EligibilityPortType withKey(IssuedKey key, String file) throws Exception {
        Path keystore = dir.resolve(file);
        KeyStoreFiles.writeKey(keystore, client.getProperty("keyAlias"), key,
                client.getProperty("keystorePassword").toCharArray());
        Properties other = new Properties();
        other.putAll(client);
        other.setProperty("keystore", keystore.toString());
        return ClinicClient.connect(other);
    }

    private ResultCode verify(EligibilityPortType port) throws Exception {
        return port.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    private void assertRefused(EligibilityPortType port, String reason) throws Exception {
        long before = db.verificationCount();
        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> verify(port), "refusals leak nothing");
        assertEquals(before, db.verificationCount(), "nothing recorded as a verification");
        assertEquals(List.of(reason), db.refusalReasonsAfter(lastRefusal), "logged as " + reason + " alone");
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(client)), "still answers good calls");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }


    /** The center's truststore (the CA) plus the insurer's certificate as the database registers it. */
    private Path centerTruststoreWithTheInsurer() {
        char[] password = stack.demo.secret("center-truststore").toCharArray();
        java.security.KeyStore ca = jp.hokensho.center.ca.KeyStoreFiles.read(dir.resolve("demo/center-truststore.p12"),
                password);
        java.util.Map<String, java.security.cert.X509Certificate> trusted = new java.util.LinkedHashMap<>();
        try {
            trusted.put(DemoPki.CA_ALIAS, (java.security.cert.X509Certificate) ca.getCertificate(DemoPki.CA_ALIAS));
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
        trusted.put(DemoPki.aliasOf(DemoSeed.REAL_TIME_INSURER), new jp.hokensho.center.organisation.InsurerCertificates(
                stack.center.database().dataSource(), java.time.Clock.systemUTC()).find(DemoSeed.REAL_TIME_INSURER)
                .orElseThrow());
        Path file = dir.resolve("center-truststore-with-insurer.p12");
        jp.hokensho.center.ca.KeyStoreFiles.writeTrusted(file, trusted, password);
        return file;
    }
}
