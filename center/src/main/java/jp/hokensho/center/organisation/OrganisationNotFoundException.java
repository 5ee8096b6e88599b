package jp.hokensho.center.organisation;

/** No organisation has the given code. */
public class OrganisationNotFoundException extends RuntimeException {
    private final String code;

    public OrganisationNotFoundException(String code) {
        super("No organisation with code " + code);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
