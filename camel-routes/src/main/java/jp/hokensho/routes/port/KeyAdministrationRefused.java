package jp.hokensho.routes.port;

/**
 * A key or account request that was refused with nothing changed: an unknown or ended organisation, an unknown
 * key or user, a key that can no longer be renewed. {@link #code()} is one of the constants (docs/fault-codes.md),
 * {@link #field()} the request element concerned. An {@link IllegalArgumentException}, so the command line
 * reports it like its other bad input.
 */
public final class KeyAdministrationRefused extends IllegalArgumentException {
    public static final String ORGANISATION_NOT_FOUND = "ORGANISATION_NOT_FOUND";
    public static final String ORGANISATION_ENDED = "ORGANISATION_ENDED";
    public static final String KEY_NOT_FOUND = "KEY_NOT_FOUND";
    public static final String KEY_NOT_RENEWABLE = "KEY_NOT_RENEWABLE";
    public static final String USER_NOT_FOUND = "USER_NOT_FOUND";

    private final String code;
    private final String field;

    public KeyAdministrationRefused(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
