package jp.hokensho.center.soap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;
import org.apache.wss4j.common.crypto.CryptoType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time insurers' certificates as the database registers them, read again after a short time, so that a
 * certificate changed on one node (or by {@code center org change --certificate}) is used by every node without a
 * restart. A failed re-read keeps the certificates already known: a database hiccup must not stop every insurer.
 */
public final class RegisteredInsurerCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(RegisteredInsurerCertificates.class);

    private final Supplier<Map<String, X509Certificate>> source;
    private final Duration refresh;
    private final Clock clock;
    private volatile Snapshot snapshot;

    /** @param source alias → certificate of the insurers in the directory, read from the database */
    public RegisteredInsurerCertificates(Supplier<Map<String, X509Certificate>> source, Duration refresh,
                                         Clock clock) {
        this.source = source;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** The certificate requests to the insurer registered under {@code alias} are encrypted to. */
    public Optional<X509Certificate> byAlias(String alias) {
        return alias == null ? Optional.empty() : Optional.ofNullable(current().get(alias));
    }

    /** The registered certificate a WS-Security reference names (alias, issuer and serial, SKI, thumbprint). */
    Optional<X509Certificate> matching(CryptoType type, Function<X509Certificate, byte[]> skiOf) {
        if (type == null || type.getType() == null) {
            return Optional.empty();
        }
        return switch (type.getType()) {
            case ALIAS -> byAlias(type.getAlias());
            case ISSUER_SERIAL -> current().values().stream().filter(c -> c.getSerialNumber().equals(type.getSerial())
                    && sameName(c.getIssuerX500Principal(), type.getIssuer())).findFirst();
            case SUBJECT_DN -> current().values().stream()
                    .filter(c -> sameName(c.getSubjectX500Principal(), type.getSubjectDN())).findFirst();
            case THUMBPRINT_SHA1 -> current().values().stream()
                    .filter(c -> Arrays.equals(sha1(c), type.getBytes())).findFirst();
            case SKI_BYTES -> current().values().stream()
                    .filter(c -> Arrays.equals(skiOf.apply(c), type.getBytes())).findFirst();
            default -> Optional.empty();
        };
    }

    private Map<String, X509Certificate> current() {
        Snapshot known = snapshot;
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.readAt().plus(refresh))) {
            return known.byAlias();
        }
        synchronized (this) {
            known = snapshot;
            if (known != null && now.isBefore(known.readAt().plus(refresh))) {
                return known.byAlias();
            }
            try {
                Map<String, X509Certificate> read = Map.copyOf(source.get());
                if (known != null && !read.equals(known.byAlias())) {
                    LOG.info("insurer certificates changed in the database: now {}", read.keySet());
                }
                snapshot = new Snapshot(read, now);
                return read;
            } catch (RuntimeException e) {
                if (known == null) {
                    throw e;
                }
                LOG.warn("cannot re-read the insurers' certificates; using those read at {}", known.readAt(), e);
                snapshot = new Snapshot(known.byAlias(), now);
                return known.byAlias();
            }
        }
    }

    private static boolean sameName(X500Principal name, String dn) {
        try {
            return dn != null && name.equals(new X500Principal(dn));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha1(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return new byte[0];
        }
    }

    private record Snapshot(Map<String, X509Certificate> byAlias, Instant readAt) {
    }
}
