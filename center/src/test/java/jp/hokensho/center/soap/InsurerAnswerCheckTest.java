package jp.hokensho.center.soap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import jp.hokensho.routes.verification.InsurerAnswerRejected;
import jp.hokensho.center.ca.CertificateAuthority;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.rt.security.SecurityConstants;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.junit.jupiter.api.Test;

/**
 * An insurer's answer counts only when signed by that insurer's own certificate as registered in the database, not
 * any CA-issued one; a certificate changed in the database is used after the refresh time.
 */
class InsurerAnswerCheckTest {
    private final CertificateAuthority ca = CertificateAuthority.create("CN=Test CA", Duration.ofDays(1),
            Clock.systemUTC());
    private final X509Certificate insurer = ca.issue("CN=org-00000001", Duration.ofDays(1)).certificate();
    private final X509Certificate clinic = ca.issue("CN=org-1311234567", Duration.ofDays(1)).certificate();

    @Test
    void answerSignedByTheInsurerIsAcceptedAndByAnotherCaIssuedKeyRefused() {
        InsurerAnswerCheck check = new InsurerAnswerCheck(registered(() -> Map.of("org-00000001", insurer)));

        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)));
        assertRejected(() -> check.handleMessage(answerSignedBy(clinic)));
        assertRejected(() -> check.handleMessage(answerSignedBy(null)));
    }

    @Test
    void answerOfAnInsurerWithoutRegisteredCertificateIsRefused() {
        InsurerAnswerCheck check = new InsurerAnswerCheck(registered(Map::of));

        assertRejected(() -> check.handleMessage(answerSignedBy(insurer)));
    }

    @Test
    void aCertificateChangedInTheDatabaseIsUsedAfterTheRefreshTime() {
        X509Certificate renewed = ca.issue("CN=org-00000001", Duration.ofDays(1)).certificate();
        AtomicReference<X509Certificate> inDatabase = new AtomicReference<>(insurer);
        MovableClock clock = new MovableClock(Instant.parse("2026-04-01T00:00:00Z"));
        InsurerAnswerCheck check = new InsurerAnswerCheck(new RegisteredInsurerCertificates(
                () -> Map.of("org-00000001", inDatabase.get()), Duration.ofSeconds(10), clock));
        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)));

        inDatabase.set(renewed);
        clock.advance(Duration.ofSeconds(5));
        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)), "still the one read 5 s ago");
        clock.advance(Duration.ofSeconds(6));
        assertRejected(() -> check.handleMessage(answerSignedBy(insurer)));
        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(renewed)));
    }

    @Test
    void aFailedReReadKeepsTheCertificatesAlreadyKnown() {
        AtomicReference<Boolean> databaseDown = new AtomicReference<>(false);
        MovableClock clock = new MovableClock(Instant.parse("2026-04-01T00:00:00Z"));
        InsurerAnswerCheck check = new InsurerAnswerCheck(new RegisteredInsurerCertificates(() -> {
            if (databaseDown.get()) {
                throw new IllegalStateException("database down");
            }
            return Map.of("org-00000001", insurer);
        }, Duration.ofSeconds(10), clock));
        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)));

        databaseDown.set(true);
        clock.advance(Duration.ofSeconds(60));
        assertDoesNotThrow(() -> check.handleMessage(answerSignedBy(insurer)));
    }

    private static RegisteredInsurerCertificates registered(Supplier<Map<String, X509Certificate>> source) {
        return new RegisteredInsurerCertificates(source, Duration.ofSeconds(10), Clock.systemUTC());
    }

    /** Refused the way the routes answer INSURER_UNAVAILABLE and log INSURER_ANSWER_REJECTED. */
    private static void assertRejected(org.junit.jupiter.api.function.Executable call) {
        Fault fault = assertThrows(Fault.class, call);
        InsurerAnswerRejected rejected = assertInstanceOf(InsurerAnswerRejected.class, fault.getCause());
        assertTrue(rejected.getMessage().startsWith("signature: "), rejected.getMessage());
    }

    private static SoapMessage answerSignedBy(X509Certificate signer) {
        ExchangeImpl exchange = new ExchangeImpl();
        MessageImpl request = new MessageImpl();
        request.put(SecurityConstants.ENCRYPT_USERNAME, "org-00000001");
        exchange.setOutMessage(request);
        SoapMessage answer = new SoapMessage(Soap11.getInstance());
        answer.setExchange(exchange);
        if (signer != null) {
            WSSecurityEngineResult signature = new WSSecurityEngineResult(WSConstants.SIGN);
            signature.put(WSSecurityEngineResult.TAG_X509_CERTIFICATE, signer);
            answer.put(WSHandlerConstants.RECV_RESULTS,
                    List.of(new WSHandlerResult(null, List.of(signature), java.util.Map.of(WSConstants.SIGN,
                            List.of(signature)))));
        }
        return answer;
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
