package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import jp.hokensho.center.CenterMain;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.Pem;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.audit.CheckpointSignature;
import jp.hokensho.center.ca.KeyStoreFiles;
import jp.hokensho.center.demo.DemoPki;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JInInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.Test;

/**
 * The documented rollover of the center's signing key, end to end: {@code center key rollover prepare} adds the next
 * key, the configuration announces it with a switch time, and the center signs with the next key from that instant
 * on, without a restart. A clinic that imported the next certificate before the switch keeps working across it; one
 * that did not cannot check the center's answers after it. The real-time insurer's adapter (pinned to the center's
 * subject, trusting the CA) keeps working, and the audit checkpoints signed before and after the switch all verify.
 */
class CenterKeyRolloverEndToEndTest extends CenterStackTestBase {
    private static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);
    private static final String NEXT_ALIAS = "center-next";
    // Long enough for the restart and the calls before the switch on a loaded 2-core machine.
    private static final Duration ANNOUNCEMENT = Duration.ofSeconds(45);
    private static final Map<String, String> CHECKPOINT_EACH_RECORD =
            Map.of("center.audit.checkpoint.every-records", "1");

    @Override
    Map<String, String> centerOverrides() {
        return CHECKPOINT_EACH_RECORD;
    }

    @Test
    void clientWithTheNextCertificateKeepsWorkingAcrossTheSwitchAndCheckpointsVerify() throws Exception {
        BigInteger oldSerial = centerCertificate(DemoPki.CENTER_ALIAS).getSerialNumber();
        ByteArrayOutputStream prepared = new ByteArrayOutputStream();
        assertEquals(0, CenterMain.run(new String[] {"key", "rollover", "prepare", "--alias", NEXT_ALIAS,
                "--config", stack.demo.centerProperties().toString(), "--operator", "rollover-test"},
                new PrintStream(prepared, true, StandardCharsets.UTF_8)), prepared.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(2, CenterMain.run(new String[] {"key", "rollover", "prepare", "--alias", NEXT_ALIAS,
                "--config", stack.demo.centerProperties().toString()}, new PrintStream(again, true,
                StandardCharsets.UTF_8)), "an alias already in the keystore is refused");
        assertTrue(again.toString(StandardCharsets.UTF_8).startsWith("refused: "), again.toString(StandardCharsets.UTF_8));
        Path nextPem = stack.demo.dir().resolve(NEXT_ALIAS + ".crt.pem");
        X509Certificate next = Pem.read(nextPem);
        assertEquals(next, centerCertificate(NEXT_ALIAS), "the PEM handed out is the keystore's next key");
        assertEquals(centerCertificate(DemoPki.CENTER_ALIAS).getSubjectX500Principal(),
                next.getSubjectX500Principal(), "same subject: the adapters' subject pin needs no change");

        // The clinic that got the next certificate imports it and encrypts to it; the other one changes nothing.
        Properties informed = clientWithNextCertificate(next);
        AtomicReference<BigInteger> informedSigner = new AtomicReference<>();
        EligibilityPortType informedClinic = withSignerCapture(ClinicClient.connect(informed), informedSigner);
        EligibilityPortType uninformedClinic = ClinicClient.connect(stack.client());

        Instant switchAt = Instant.now().plus(ANNOUNCEMENT).truncatedTo(ChronoUnit.SECONDS);
        announce(switchAt);
        stack.restartCenter(CHECKPOINT_EACH_RECORD);

        assertEquals(ResultCode.VALID, verify(informedClinic), "a request encrypted to the next certificate");
        assertEquals(oldSerial, informedSigner.get(), "before the switch the present key signs");
        assertEquals(ResultCode.VALID, verify(uninformedClinic), "a request encrypted to the present certificate");
        assertTrue(Instant.now().isBefore(switchAt), "the calls before the switch took longer than "
                + ANNOUNCEMENT + ": the test proves nothing about the time before the switch");
        long beforeSwitch = lastCheckpointedPosition();

        sleepUntil(switchAt.plusSeconds(1));
        assertEquals(ResultCode.VALID, verify(informedClinic), "after the switch, without a restart");
        assertEquals(next.getSerialNumber(), informedSigner.get(), "after the switch the next key signs");
        assertThrows(Exception.class, () -> verify(uninformedClinic),
                "a client without the next certificate cannot check the answers signed after the switch");
        assertTrue(status().contains("signing now:  '" + NEXT_ALIAS + "'"), status());

        awaitCheckpointAfter(beforeSwitch);
        List<String> signers = db.query("SELECT DISTINCT signer_serial FROM audit_checkpoint ORDER BY signer_serial");
        assertTrue(signers.containsAll(List.of(oldSerial.toString(), next.getSerialNumber().toString())),
                "checkpoints signed by both keys: " + signers);
        assertTrue(stack.verifyAuditChain().ok(), stack.verifyAuditChain().toString());
        assertFalse(new AuditChainVerifier(stack.center.database(), CheckpointSignature.verifier(next)).verify().ok(),
                "the checkpoints from before the switch need the former certificate, which the keystore keeps");
    }

    private ResultCode verify(EligibilityPortType clinic) throws Exception {
        return clinic.verifyEligibility(
                VerificationEndToEndTest.query("00000001", "東京", "001", SCREEN_DATE), null, null)
                .getResultCode();
    }

    private X509Certificate centerCertificate(String alias) throws Exception {
        CenterSettings settings = CenterSettings.load(stack.demo.centerProperties(), Map.of());
        KeyStore keystore = KeyStoreFiles.read(settings.getPath("center.keystore.path"),
                settings.get("center.keystore.password").toCharArray());
        return (X509Certificate) keystore.getCertificate(alias);
    }

    /** The clinic's settings with a truststore that also holds the next certificate, encrypting to it. */
    private Properties clientWithNextCertificate(X509Certificate next) throws Exception {
        Properties client = stack.client();
        KeyStore present = KeyStoreFiles.read(Path.of(client.getProperty("truststore")),
                client.getProperty("truststorePassword").toCharArray());
        Map<String, X509Certificate> trusted = new LinkedHashMap<>();
        for (String alias : Collections.list(present.aliases())) {
            trusted.put(alias, (X509Certificate) present.getCertificate(alias));
        }
        trusted.put(NEXT_ALIAS, next);
        Path truststore = dir.resolve("clinic-truststore-with-next.p12");
        KeyStoreFiles.writeTrusted(truststore, trusted, client.getProperty("truststorePassword").toCharArray());
        client.setProperty("truststore", truststore.toString());
        client.setProperty("serverAlias", NEXT_ALIAS);
        return client;
    }

    /** What the operator writes into every node's configuration to announce the next key. */
    private void announce(Instant switchAt) throws IOException {
        String lines = "\ncenter.keystore.next-alias=" + NEXT_ALIAS + "\ncenter.keystore.switch-at=" + switchAt + "\n";
        Files.writeString(stack.demo.centerProperties(), lines, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private String status() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CenterMain.run(new String[] {"key", "rollover", "status", "--config", stack.demo.centerProperties().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private long lastCheckpointedPosition() throws Exception {
        List<String> last = db.query("SELECT COALESCE(MAX(position), 0) FROM audit_checkpoint");
        return Long.parseLong(last.get(0));
    }

    private void awaitCheckpointAfter(long position) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (lastCheckpointedPosition() <= position) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint after position " + position + " was written");
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** Records the serial of the certificate that signed each answer the client accepted. */
    private static EligibilityPortType withSignerCapture(EligibilityPortType port, AtomicReference<BigInteger> signer) {
        ClientProxy.getClient(port).getInInterceptors().add(new AbstractSoapInterceptor(Phase.PRE_PROTOCOL) {
            {
                addAfter(PolicyBasedWSS4JInInterceptor.class.getName());
            }

            @Override
            public void handleMessage(SoapMessage message) {
                @SuppressWarnings("unchecked")
                List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
                for (WSHandlerResult result : results == null ? List.<WSHandlerResult>of() : results) {
                    List<WSSecurityEngineResult> signatures = result.getActionResults().get(WSConstants.SIGN);
                    if (signatures != null && !signatures.isEmpty()) {
                        X509Certificate certificate = (X509Certificate) signatures.get(0)
                                .get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                        signer.set(certificate.getSerialNumber());
                    }
                }
            }
        });
        return port;
    }
}
