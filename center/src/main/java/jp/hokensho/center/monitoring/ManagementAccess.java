package jp.hokensho.center.monitoring;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import jp.hokensho.center.security.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How operators reach {@code /health} and {@code /metrics} off loopback: HTTPS with the center's server key and
 * HTTP Basic for one configured user whose password is kept only as a PBKDF2 hash.
 */
public final class ManagementAccess {
    private static final Logger UNAUTHORISED = LoggerFactory.getLogger("jp.hokensho.center.unauthorised");

    private final SSLContext tls;
    private final String user;
    private final String passwordHash;
    private final PasswordHasher hasher;
    /** Digest of the last accepted user and password: a scraper every few seconds must not cost a slow hash each. */
    private volatile byte[] accepted;

    public ManagementAccess(SSLContext tls, String user, String passwordHash, PasswordHasher hasher) {
        this.tls = tls;
        this.user = user;
        this.passwordHash = passwordHash;
        this.hasher = hasher;
    }

    SSLContext tls() {
        return tls;
    }

    BasicAuthenticator authenticator() {
        return new BasicAuthenticator("center-management", StandardCharsets.UTF_8) {
            @Override
            public boolean checkCredentials(String givenUser, String givenPassword) {
                return accepts(givenUser, givenPassword);
            }
        };
    }

    boolean accepts(String givenUser, String givenPassword) {
        byte[] digest = digest(givenUser, givenPassword);
        byte[] known = accepted;
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        // The hash is checked whatever the user name, so a wrong name costs as much as a wrong password.
        boolean passwordMatches = hasher.matches(givenPassword, passwordHash);
        if (passwordMatches && MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                givenUser.getBytes(StandardCharsets.UTF_8))) {
            accepted = digest;
            return true;
        }
        UNAUTHORISED.warn("management endpoint: wrong user or password");
        return false;
    }

    private static byte[] digest(String givenUser, String givenPassword) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(givenUser.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(givenPassword.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
