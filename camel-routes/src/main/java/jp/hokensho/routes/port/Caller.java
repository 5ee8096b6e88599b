package jp.hokensho.routes.port;

import java.util.Set;

/**
 * The authenticated person behind a request: the UsernameToken's user, whose organisation matches the
 * signing certificate's. Put into the CXF message by the center's security layer under this class.
 */
public record Caller(String userId, String organisationCode, String organisationName, String role,
                     Set<Permission> permissions) {

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
