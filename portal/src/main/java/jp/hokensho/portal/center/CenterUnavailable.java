package jp.hokensho.portal.center;

/** The center could not be reached, or did not answer in time. */
public final class CenterUnavailable extends RuntimeException {
    CenterUnavailable(Throwable cause) {
        super("the center could not be reached: " + cause.getMessage(), cause);
    }
}
