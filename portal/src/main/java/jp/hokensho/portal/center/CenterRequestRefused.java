package jp.hokensho.portal.center;

/** A typed refusal of the request's content (docs/fault-codes.md), e.g. a password rule or a malformed field. */
public final class CenterRequestRefused extends RuntimeException {
    private final String code;
    private final String field;

    CenterRequestRefused(String code, String field, String message) {
        super(code + (field == null ? "" : " (" + field + ")") + ": " + message);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    /** The request field concerned, or null. */
    public String field() {
        return field;
    }
}
