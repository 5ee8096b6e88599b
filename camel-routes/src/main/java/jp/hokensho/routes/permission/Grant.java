package jp.hokensho.routes.permission;

import java.util.Objects;
import jp.hokensho.routes.port.Permission;

/**
 * One right a role holds: in full (○ in its column), or limited (△: a narrower right of the column, with
 * the reason it is narrowed), or implied (password change where the table has no such column).
 */
public record Grant(Permission permission, Kind kind, String reason) {
    public enum Kind { FULL, LIMITED, IMPLIED }

    public Grant {
        Objects.requireNonNull(permission);
        Objects.requireNonNull(kind);
        if (kind != Kind.FULL && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(kind + " grant of " + permission + " needs its reason");
        }
    }

    static Grant full(Permission permission) {
        return new Grant(permission, Kind.FULL, null);
    }

    /** A △ cell: the narrower right granted and, in one line, why the cell is narrowed to it. */
    static Grant limited(Permission narrower, String reason) {
        return new Grant(narrower, Kind.LIMITED, reason);
    }

    static Grant implied(Permission permission, String reason) {
        return new Grant(permission, Kind.IMPLIED, reason);
    }
}
