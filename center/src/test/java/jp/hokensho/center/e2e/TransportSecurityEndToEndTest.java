package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import jp.hokensho.routes.port.InsurerEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP only on loopback: a center or management endpoint configured off loopback without TLS (and, for
 * management, credentials) refuses to start before anything binds; management off loopback answers only over
 * HTTPS with HTTP Basic; a real-time insurer reached over HTTPS with a key of the center's CA answers.
 */
class TransportSecurityEndToEndTest extends CenterStackTestBase {
    private static final String OFF_LOOPBACK = "0.0.0.0";
    private static final String TLS_PASSWORD = "tls-secret";
    private static final String OPERATOR = "ops";
    private static final String OPERATOR_PASSWORD = "scrape-me-gently";

    private CertificateAuthority ca;
    private Path centerTlsKey;

    @BeforeAll
    void centerTlsKey() {
        ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS, stack.demo.secret("ca").toCharArray(),
                Clock.systemUTC());
        centerTlsKey = serverKey(ca, "center-tls.p12");
    }

    @Test
    void centerOffLoopbackWithoutTlsRefusesToStartBeforeAnythingBinds() throws Exception {
        int port = CenterStack.freePort();

        IllegalStateException refused = refusedToStart(Map.of("center.http.host", OFF_LOOPBACK,
                "center.http.port", String.valueOf(port)));

        assertTrue(refused.getMessage().contains("center.tls.keystore.path"), refused.getMessage());
        assertPortFree(port);
    }

    @Test
    void managementOffLoopbackWithoutTlsRefusesToStart() throws Exception {
        int managementPort = CenterStack.freePort();

        IllegalStateException refused = refusedToStart(Map.of("center.management.host", OFF_LOOPBACK,
                "center.management.port", String.valueOf(managementPort),
                "center.management.user", OPERATOR, "center.management.password-hash", operatorHash()));

        assertTrue(refused.getMessage().contains("center.tls.keystore.path"), refused.getMessage());
        assertPortFree(managementPort);
    }

    @Test
    void managementOffLoopbackWithoutCredentialsRefusesToStart() throws Exception {
        int managementPort = CenterStack.freePort();

        IllegalStateException refused = refusedToStart(Map.of("center.management.host", OFF_LOOPBACK,
                "center.management.port", String.valueOf(managementPort),
                "center.tls.keystore.path", centerTlsKey.toString(), "center.tls.keystore.password", TLS_PASSWORD));

        assertTrue(refused.getMessage().contains("center.management.user"), refused.getMessage());
        assertTrue(refused.getMessage().contains("center.management.password-hash"), refused.getMessage());
        assertPortFree(managementPort);
    }

    @Test
    void managementPasswordGivenInsteadOfItsHashIsRefused() throws Exception {
        IllegalStateException refused = refusedToStart(Map.of("center.management.host", OFF_LOOPBACK,
                "center.management.port", String.valueOf(CenterStack.freePort()),
                "center.management.user", OPERATOR, "center.management.password-hash", OPERATOR_PASSWORD,
                "center.tls.keystore.path", centerTlsKey.toString(), "center.tls.keystore.password", TLS_PASSWORD));

        assertTrue(refused.getMessage().contains("center.management.password-hash is not a PBKDF2 hash"),
                refused.getMessage());
        assertTrue(!refused.getMessage().contains(OPERATOR_PASSWORD), "the secret is not repeated");
    }

    @Test
    void managementOffLoopbackAnswersOnlyOverHttpsWithTheConfiguredCredentials() throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("center.management.host", OFF_LOOPBACK,
                "center.management.port", String.valueOf(CenterStack.freePort()),
                "center.management.user", OPERATOR, "center.management.password-hash", operatorHash(),
                "center.tls.keystore.path", centerTlsKey.toString(), "center.tls.keystore.password", TLS_PASSWORD));
        try (CenterApplication center = startSecondCenter(settings)) {
            String health = "https://127.0.0.1:" + center.managementPort() + "/health";
            HttpClient trustingCa = HttpClient.newBuilder().sslContext(trusting(ca)).build();

            assertEquals(401, get(trustingCa, health, null).statusCode());
            assertEquals(401, get(trustingCa, health, OPERATOR + ":wrong password").statusCode());
            assertEquals(401, get(trustingCa, health, "root:" + OPERATOR_PASSWORD).statusCode());
            HttpResponse<String> answered = get(trustingCa, health, OPERATOR + ":" + OPERATOR_PASSWORD);
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("\"database\""), answered.body());
            assertEquals(200, get(trustingCa, "https://127.0.0.1:" + center.managementPort() + "/metrics",
                    OPERATOR + ":" + OPERATOR_PASSWORD).statusCode());

            assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(),
                    "http://127.0.0.1:" + center.managementPort() + "/health", OPERATOR + ":" + OPERATOR_PASSWORD),
                    "plain HTTP is not answered");
        }
    }

    @Test
    void clinicVerifiesACardOfARealTimeInsurerServedOverHttpsWithAKeyOfTheCentersCa() throws Exception {
        InsurerRegistry directory = new InsurerRegistry(stack.center.database());
        InsurerEntry loopbackHttp = directory.find(DemoSeed.REAL_TIME_INSURER).orElseThrow();
        try (InsurerAdapter https = startAdapterWithTls(serverKey(ca, "adapter-tls.p12"), "insurer-https")) {
            assertTrue(https.address().startsWith("https://127.0.0.1:"), https.address());
            directory.register(at(loopbackHttp, https.address()));
            stack.center.insurerDirectory().forget(); // the test changed the table directly

            assertEquals(ResultCode.VALID, verifyUenoFamilyCard());
        } finally {
            directory.register(loopbackHttp);
            stack.center.insurerDirectory().forget(); // the test changed the table directly
        }
    }

    @Test
    void insurerWhoseTlsKeyIsNotOfTheCentersCaIsUnavailable() throws Exception {
        InsurerRegistry directory = new InsurerRegistry(stack.center.database());
        InsurerEntry loopbackHttp = directory.find(DemoSeed.REAL_TIME_INSURER).orElseThrow();
        CertificateAuthority other = CertificateAuthority.create("CN=Other CA,O=Elsewhere,C=JP", Duration.ofDays(1),
                Clock.systemUTC());
        try (InsurerAdapter impostor = startAdapterWithTls(serverKey(other, "other-tls.p12"), "insurer-other-ca")) {
            directory.register(at(loopbackHttp, impostor.address()));
            stack.center.insurerDirectory().forget(); // the test changed the table directly

            assertEquals(ResultCode.INSURER_UNAVAILABLE, verifyUenoFamilyCard());
        } finally {
            directory.register(loopbackHttp);
            stack.center.insurerDirectory().forget(); // the test changed the table directly
        }
    }

    private ResultCode verifyUenoFamilyCard() throws Exception {
        EligibilityPortType clinic = ClinicClient.connect(stack.client());
        return clinic.verifyEligibility(VerificationEndToEndTest.query(DemoSeed.REAL_TIME_INSURER, "東京", "001",
                LocalDate.of(2005, 7, 8)), null, null).getResultCode();
    }

    /** The demo insurer's adapter once more, on its own port and database, serving HTTPS with {@code tlsKey}. */
    private InsurerAdapter startAdapterWithTls(Path tlsKey, String dataDir) throws IOException {
        Properties adapter = new Properties();
        try (Reader in = Files.newBufferedReader(stack.demo.adapterProperties(), StandardCharsets.UTF_8)) {
            adapter.load(in);
        }
        adapter.setProperty(AdapterSettings.HTTP_PORT, String.valueOf(CenterStack.freePort()));
        adapter.setProperty(AdapterSettings.DATA_DIR, dir.resolve(dataDir).toString());
        adapter.setProperty(AdapterSettings.TLS_KEYSTORE_PATH, tlsKey.toString());
        adapter.setProperty(AdapterSettings.TLS_KEYSTORE_PASSWORD, TLS_PASSWORD);
        return InsurerAdapter.start(AdapterSettings.of(adapter));
    }

    /** The insurer at {@code address}; a generous timeout, as the first HTTPS call also pays for the handshake. */
    private static InsurerEntry at(InsurerEntry insurer, String address) {
        return new InsurerEntry(insurer.insurerNumber(), insurer.name(), insurer.address(), insurer.mode(), address,
                insurer.certificateAlias(), Duration.ofSeconds(30));
    }

    private Path serverKey(CertificateAuthority issuer, String file) {
        Path key = dir.resolve(file);
        KeyStoreFiles.writeKey(key, "tls", issuer.issueServer("CN=127.0.0.1,OU=TLS,O=Hokensho,C=JP",
                Duration.ofDays(30), "127.0.0.1", "localhost"), TLS_PASSWORD.toCharArray());
        return key;
    }

    /** A second center on the stack's database and keys; a node id of its own for its verification numbers. */
    private CenterApplication startSecondCenter(Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.putIfAbsent("center.http.port", String.valueOf(CenterStack.freePort()));
        settings.put("center.node-id", "2");
        return CenterApplication.start(CenterSettings.load(stack.demo.centerProperties(), settings),
                Clock.systemUTC());
    }

    private IllegalStateException refusedToStart(Map<String, String> overrides) throws IOException {
        try {
            CenterApplication started = startSecondCenter(overrides);
            started.close();
            return fail("the center started with " + overrides);
        } catch (IllegalStateException refused) {
            return refused;
        }
    }

    private static void assertPortFree(int port) throws IOException {
        try (ServerSocket nothingBound = new ServerSocket(port)) {
            assertEquals(port, nothingBound.getLocalPort());
        }
    }

    private static String operatorHash() {
        return new PasswordHasher(CenterStack.TEST_PBKDF2_ITERATIONS).hash(OPERATOR_PASSWORD);
    }

    private static HttpResponse<String> get(HttpClient client, String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(CertificateAuthority issuer) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", issuer.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
