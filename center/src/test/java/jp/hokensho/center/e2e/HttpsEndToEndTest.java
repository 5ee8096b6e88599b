package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.center.soap.TlsSetup;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production transport: HTTPS with TLS 1.2+ and a server certificate from the center's CA. */
class HttpsEndToEndTest {

    @Test
    void centerServesHttpsWithACaIssuedCertificateAndModernTlsOnly(@TempDir Path dir) throws Exception {
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings())) {
            char[] caPassword = stack.demo.secret("ca").toCharArray();
            CertificateAuthority ca = KeyStoreFiles.readCa(dir.resolve("demo/ca.p12"), DemoPki.CA_ALIAS, caPassword,
                    Clock.systemUTC());
            Path tlsKey = dir.resolve("tls.p12");
            KeyStoreFiles.writeKey(tlsKey, "tls", ca.issueServer("CN=127.0.0.1,OU=CENTER,O=Hokensho,C=JP",
                    Duration.ofDays(30), "127.0.0.1", "localhost"), "tls-secret".toCharArray());
            int port = CenterStack.freePort();
            try (CenterApplication https = CenterApplication.start(CenterSettings.load(stack.demo.centerProperties(),
                    Map.of("center.http.port", String.valueOf(port), "center.node-id", "2",
                            "center.tls.keystore.path", tlsKey.toString(),
                            "center.tls.keystore.password", "tls-secret")), Clock.systemUTC())) {
                assertTrue(https.eligibilityAddress().startsWith("https://127.0.0.1:" + port),
                        https.eligibilityAddress());
                KeyStore trustCa = KeyStore.getInstance("PKCS12");
                trustCa.load(null, null);
                trustCa.setCertificateEntry("ca", ca.certificate());

                Properties client = stack.client();
                client.setProperty("endpoint", https.eligibilityAddress());
                client.setProperty("wsdl", EligibilityPortType.class.getResource("/wsdl/EligibilityService.wsdl")
                        .toString());
                EligibilityPortType port443 = ClinicClient.connect(client);
                ((HTTPConduit) ClientProxy.getClient(port443).getConduit())
                        .setTlsClientParameters(TlsSetup.trusting(trustCa));
                assertEquals(ResultCode.VALID, port443.verifyEligibility(VerificationEndToEndTest.query("00000001",
                        "東京", "001", LocalDate.of(2005, 7, 8)), null, null).getResultCode());

                assertTrue(negotiatedProtocol(port, trustCa).matches("TLSv1\\.[23]"));
                assertThrows(Exception.class, () -> negotiatedProtocol(port, emptyTrust()),
                        "a client that does not trust the center's CA cannot connect");
            }
        }
    }

    private static String negotiatedProtocol(int port, KeyStore trust) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static KeyStore emptyTrust() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("other", CertificateAuthority.create("CN=Other CA", Duration.ofDays(1),
                Clock.systemUTC()).certificate());
        return store;
    }
}
