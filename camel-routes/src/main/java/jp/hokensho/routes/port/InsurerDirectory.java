package jp.hokensho.routes.port;

import java.util.Optional;

/** Which insurers the center knows, and how to reach each one. */
public interface InsurerDirectory {
    /** @param insurerNumber normalised insurer number (6 or 8 ASCII digits) */
    Optional<InsurerEntry> find(String insurerNumber);
}
