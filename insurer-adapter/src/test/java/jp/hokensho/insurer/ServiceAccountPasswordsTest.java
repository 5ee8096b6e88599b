package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;

import jp.hokensho.insurer.security.RefusalReason;
import jp.hokensho.insurer.security.ServiceAccountPasswords;
import jp.hokensho.insurer.security.ServiceAccountVerifier;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.ext.WSSecurityException.ErrorCode;
import org.junit.jupiter.api.Test;

/** The service-account hash format, its check, and how refusals are classified for the log. */
class ServiceAccountPasswordsTest {

    @Test
    void hashesAreSaltedAndVerify() {
        String a = ServiceAccountPasswords.hash("pw".toCharArray(), 1000);
        String b = ServiceAccountPasswords.hash("pw".toCharArray(), 1000);
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2$1000$"));
        assertEquals(4, a.split("\\$").length);
        assertTrue(ServiceAccountPasswords.verify("pw".toCharArray(), a));
        assertFalse(ServiceAccountPasswords.verify("pW".toCharArray(), a));
        assertFalse(ServiceAccountPasswords.verify("pw".toCharArray(), "plain:pw"));
        assertFalse(ServiceAccountPasswords.verify("pw".toCharArray(), null));
    }

    @Test
    void theDefaultCostIsProductionStrength() {
        // Production parameters once; the other tests use a cheap count.
        String h = ServiceAccountPasswords.hash("pw".toCharArray());
        assertTrue(h.startsWith("pbkdf2$" + ServiceAccountPasswords.DEFAULT_ITERATIONS + "$"));
        assertTrue(ServiceAccountPasswords.verify("pw".toCharArray(), h));
    }

    @Test
    void theVerifierNeedsNameAndPassword() {
        ServiceAccountVerifier v = new ServiceAccountVerifier("center",
                ServiceAccountPasswords.hash("pw".toCharArray(), 1000), Duration.ofMinutes(5), Clock.systemUTC());
        assertTrue(v.verify("center", "pw"));
        assertTrue(v.verify("center", "pw")); // from the short-lived cache
        assertFalse(v.verify("center", "px"));
        assertFalse(v.verify("other", "pw"));
        assertFalse(v.verify(null, "pw"));
        assertThrows(IllegalArgumentException.class,
                () -> new ServiceAccountVerifier("center", "pw", Duration.ZERO, Clock.systemUTC()));
    }

    @Test
    void wss4jErrorsMapToReasonCodes() {
        assertEquals(RefusalReason.BAD_SIGNATURE, classify(new WSSecurityException(ErrorCode.FAILED_CHECK)));
        assertEquals(RefusalReason.UNTRUSTED_KEY, classify(new WSSecurityException(ErrorCode.FAILED_AUTHENTICATION)));
        assertEquals(RefusalReason.UNTRUSTED_KEY, classify(new WSSecurityException(ErrorCode.FAILURE, "certpath")));
        assertEquals(RefusalReason.TIMESTAMP, classify(new WSSecurityException(ErrorCode.MESSAGE_EXPIRED)));
        assertEquals(RefusalReason.POLICY, classify(new WSSecurityException(ErrorCode.INVALID_SECURITY)));
        assertEquals(RefusalReason.OTHER, RefusalReason.classify(new IllegalStateException("x"), null));
    }

    private static RefusalReason classify(WSSecurityException e) {
        return RefusalReason.classify(new RuntimeException("wrapped", e), null);
    }
}
