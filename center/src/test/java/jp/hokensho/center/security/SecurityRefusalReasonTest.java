package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.ext.WSSecurityException.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The refusal's reason comes from WSS4J's error code and message ID, not from its translated text: which message
 * bundle xmlsec's I18n holds depends on what initialised it first in the JVM (a full CI run once logged a replay as
 * a policy violation because the text read "No message with ID invalidTimestamp").
 */
class SecurityRefusalReasonTest {
    @Test
    void aTimestampSeenBeforeIsAReplayWhateverTheMessageText() {
        WSSecurityException replay = new WSSecurityException(ErrorCode.INVALID_SECURITY, "invalidTimestamp",
                new Object[] {"A replay attack has been detected"});
        assertEquals(RefusalReason.REPLAY, SecurityRefusalLogger.reasonOf(replay));
    }

    @Test
    void anExpiredTimestampIsStaleAndOtherInvalidSecurityIsAPolicyViolation() {
        assertEquals(RefusalReason.STALE_TIMESTAMP, SecurityRefusalLogger.reasonOf(new WSSecurityException(
                ErrorCode.MESSAGE_EXPIRED, "invalidTimestamp",
                new Object[] {"The security semantics of the message have expired"})));
        assertEquals(RefusalReason.POLICY_VIOLATION, SecurityRefusalLogger.reasonOf(new WSSecurityException(
                ErrorCode.INVALID_SECURITY, "invalidSAMLsecurity")));
    }
}
