package jp.hokensho.center.identity.store;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * A key as the system administrator sees it: the certificate, its organisation's name, who issued and revoked it,
 * and its renewal links.
 *
 * @param renews    the serial of the key this one renewed, or null
 * @param renewedBy the serial of the key that renewed this one (this one then ends with the overlap), or null
 */
public record KeyRecord(CertificateView certificate, String organisationName, String issuedBy, String revokedBy,
                        BigInteger renews, BigInteger renewedBy) {

    /** Where a key stands, for lists and the console; the order of the checks is the order of precedence. */
    public enum State {
        REVOKED, EXPIRED, NOT_YET_VALID, RENEWED, EXPIRING, ACTIVE
    }

    /** @param warning a key ending within this, not yet renewed, is {@link State#EXPIRING} */
    public State stateAt(Instant now, Duration warning) {
        if (certificate.revoked()) {
            return State.REVOKED;
        }
        if (certificate.notAfter().isBefore(now)) {
            return State.EXPIRED;
        }
        if (certificate.notBefore().isAfter(now)) {
            return State.NOT_YET_VALID;
        }
        if (renewedBy != null) {
            return State.RENEWED;
        }
        return certificate.notAfter().isAfter(now.plus(warning)) ? State.ACTIVE : State.EXPIRING;
    }
}
