package jp.hokensho.routes.port;

/**
 * What the access log records as the outcome of a request a route answered, when "OK" would hide something: a
 * route puts the text into the CXF exchange under {@link #KEY}, the center's access logging reads it. A repeated
 * requestReference is logged as {@code REPEATED <verification number>}: the person who asked again shows in the
 * access log, while no new verification or audit record is made.
 */
public final class AccessOutcome {
    public static final String KEY = AccessOutcome.class.getName();

    private AccessOutcome() {
    }

    public static String repeated(String verificationNumber) {
        return "REPEATED " + verificationNumber;
    }
}
