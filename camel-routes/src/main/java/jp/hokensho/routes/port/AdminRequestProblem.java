package jp.hokensho.routes.port;

/**
 * A request to the AdminService that cannot be served as asked (a bad period, too large a page or export): the
 * route answers it with the contract's InvalidRequestFault carrying this code and field (docs/fault-codes.md).
 */
public final class AdminRequestProblem extends RuntimeException {
    private final String code;
    private final String field;

    public AdminRequestProblem(String code, String field, String message) {
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
