package jp.hokensho.routes.port;

import java.util.Map;

/**
 * How many applications are waiting for the center's decision, for the access review: per organisation (any
 * application of it) and per person (applications naming an existing user, such as a change of role or a removal).
 */
@FunctionalInterface
public interface PendingApplications {
    Counts pending();

    /** Pending applications per organisation code and per user ID; a missing key means none. */
    record Counts(Map<String, Integer> byOrganisation, Map<String, Integer> byUser) {
        public Counts {
            byOrganisation = Map.copyOf(byOrganisation);
            byUser = Map.copyOf(byUser);
        }

        public static Counts none() {
            return new Counts(Map.of(), Map.of());
        }

        public int ofOrganisation(String organisationCode) {
            return byOrganisation.getOrDefault(organisationCode, 0);
        }

        public int ofUser(String userId) {
            return byUser.getOrDefault(userId, 0);
        }
    }
}
