package jp.hokensho.routes.port;

/** An application, or a decision on one, the center does not accept; answered as an InvalidRequestFault. */
public final class ApplicationRefused extends RuntimeException {
    private final String code;
    private final String field;

    public ApplicationRefused(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** The fault code (docs/fault-codes.md). */
    public String code() {
        return code;
    }

    /** The element the refusal is about, or null. */
    public String field() {
        return field;
    }
}
