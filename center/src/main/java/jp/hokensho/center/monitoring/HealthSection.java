package jp.hokensho.center.monitoring;

/**
 * One part of {@code /health} beyond the database and the insurers (the last backup, overdue access reviews,
 * keys about to expire): its JSON under its name, and whether it makes the center DEGRADED.
 */
public interface HealthSection {
    /** The JSON key of the section. */
    String name();

    /** Read now; called only while the database answers. A failure to read is itself degraded. */
    Reading read() throws Exception;

    /** A section's value as JSON, and whether the operators must act on it. */
    record Reading(String json, boolean degraded) {
    }
}
