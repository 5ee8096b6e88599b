package jp.hokensho.routes.port;

import java.util.List;
import jp.hokensho.contract.admin.AccessReview;
import jp.hokensho.contract.admin.AccessReviewSignOff;

/** The periodic access review of policy 2, as the AdminService serves it. */
public interface AccessReviewPort {
    /** Every person and organisation as of now, dormant accounts and overdue reviews flagged. */
    AccessReview review();

    /**
     * Records {@code reviewerId}'s sign-off of one organisation and re-enables the listed disabled people of it, all
     * or nothing.
     *
     * @throws AccessReviewRefused when the organisation is unknown or a listed person is not a disabled user of it
     */
    AccessReviewSignOff signOff(String reviewerId, String organisationCode, String comment, List<String> reenable);

    /** A sign-off the center will not record; nothing was changed. */
    final class AccessReviewRefused extends RuntimeException {
        public static final String ORGANISATION_NOT_FOUND = "ORGANISATION_NOT_FOUND";
        public static final String USER_NOT_DISABLED = "USER_NOT_DISABLED";
        private final String code;
        private final String field;

        public AccessReviewRefused(String code, String field, String message) {
            super(message);
            this.code = code;
            this.field = field;
        }

        public String code() {
            return code;
        }

        public String field() {
            return field;
        }
    }
}
