package jp.hokensho.routes.port;

/** Told the outcome of every call to a real-time insurer, for health reporting and metrics. */
public interface InsurerAvailability {
    InsurerAvailability IGNORED = new InsurerAvailability() {
        @Override
        public void answered(String insurerNumber, long millis) {
        }

        @Override
        public void unavailable(String insurerNumber, String reason) {
        }
    };

    void answered(String insurerNumber, long millis);

    /** The insurer's circuit breaker has just opened: further calls are answered "unavailable" at once for a while. */
    default void breakerOpened(String insurerNumber) {
    }

    /** @param reason a short cause (e.g. the exception's class, or "circuit open"); never sent to callers */
    void unavailable(String insurerNumber, String reason);
}
