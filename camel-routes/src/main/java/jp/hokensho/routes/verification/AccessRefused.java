package jp.hokensho.routes.verification;

import jp.hokensho.routes.port.Caller;

/** A request refused for security reasons inside the route (e.g. a missing permission). */
public class AccessRefused extends RuntimeException {
    private final String reasonCode;
    private final transient Caller caller;

    public AccessRefused(String reasonCode, Caller caller, String detail) {
        super(detail);
        this.reasonCode = reasonCode;
        this.caller = caller;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public Caller caller() {
        return caller;
    }
}
