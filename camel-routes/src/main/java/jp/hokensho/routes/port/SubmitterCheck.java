package jp.hokensho.routes.port;

/**
 * Checks again, before an item of an asynchronous batch runs, that its submitter could still make the request:
 * the key that signed it still registered, not revoked and not expired, the person still of the organisation and
 * not locked. The answer carries the person as a {@link Caller} with their current role and rights.
 */
public interface SubmitterCheck {

    Standing standing(Submitter submitter);

    /**
     * @param caller        the person with their current rights, when the credentials still hold; null otherwise
     * @param refusalReason the unauthorised-access log's reason code when they do not (e.g. {@code REVOKED_KEY})
     * @param detail        what failed, for the log
     */
    record Standing(Caller caller, String refusalReason, String detail) {
        public static Standing valid(Caller caller) {
            return new Standing(caller, null, null);
        }

        public static Standing invalid(String refusalReason, String detail) {
            return new Standing(null, refusalReason, detail);
        }

        public boolean isValid() {
            return caller != null;
        }
    }
}
