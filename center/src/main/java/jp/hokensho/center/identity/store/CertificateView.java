package jp.hokensho.center.identity.store;

import java.math.BigInteger;
import java.time.Instant;

/** An organisation certificate issued by the center's CA, as the trust check reads it. */
public record CertificateView(BigInteger serial, String organisationCode, String subjectDn, Instant notBefore,
                              Instant notAfter, Instant issuedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Not revoked and within its validity period at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }
}
