package jp.hokensho.center.identity.store;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A key that the center will stop accepting soon and that has not been renewed
 * ({@link CertificateStore#expiringWithin}).
 *
 * @param notAfter the end of its acceptance (UTC)
 */
public record ExpiringKey(String organisationCode, String organisationName, BigInteger serial, Instant notAfter) {
}
