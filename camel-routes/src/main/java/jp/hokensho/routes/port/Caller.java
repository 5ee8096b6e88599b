package jp.hokensho.routes.port;

import java.util.Set;

/**
 * The authenticated person behind a request: the UsernameToken's user, whose organisation matches the
 * signing certificate's. Put into the CXF message by the center's security layer under this class, and the
 * signing certificate's serial number (a {@code BigInteger}) under {@link #SIGNING_KEY_SERIAL}.
 *
 * @param role        the stored role string, {@code KIND:ROLE}
 * @param permissions the role's rights ({@code jp.hokensho.routes.permission.Role#permissions()})
 */
public record Caller(String userId, String organisationCode, String organisationName, String role,
                     Set<Permission> permissions) {
    /** CXF message key of the serial number of the certificate that signed the request. */
    public static final String SIGNING_KEY_SERIAL = Caller.class.getName() + ".signingKeySerial";

    /** True when one of the caller's rights is, or includes, {@code permission}. */
    public boolean may(Permission permission) {
        return permissions.stream().anyMatch(held -> held.implies(permission));
    }
}
