package jp.hokensho.routes.verification;

/**
 * The circuit breaker of each real-time insurer: over the last {@code window} calls (at least
 * {@code minimumCalls}), a failure rate of {@code failureRatePercent} opens it; open, it answers at once for
 * {@code openSeconds}, then lets {@code halfOpenCalls} trial calls through to decide whether to close.
 */
public record BreakerSettings(int window, int minimumCalls, float failureRatePercent, int openSeconds,
                              int halfOpenCalls) {
    public static final BreakerSettings DEFAULTS = new BreakerSettings(10, 5, 50f, 30, 2);
}
