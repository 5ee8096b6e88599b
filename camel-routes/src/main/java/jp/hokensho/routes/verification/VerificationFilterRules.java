package jp.hokensho.routes.verification;

import java.time.Instant;
import java.time.LocalDate;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.routes.port.VerificationSearch;

/**
 * Checks a listVerifications filter and turns it into a search of the caller's own organisation. The period is
 * of the request time in Japan dates, both ends included, because a clinic thinks of "the verifications of
 * 8 July", not of target dates (which may be any day). Card values are normalised like a query's, so a card
 * typed in full-width digits finds its records.
 */
public final class VerificationFilterRules {
    public static final int MAX_PAGE = 100;
    private static final int MAX_KEY_LENGTH = 40;

    private VerificationFilterRules() {
    }

    public static VerificationSearch searchOf(VerificationFilter filter, String organisationCode)
            throws InvalidRequestFault {
        VerificationFilter given = filter == null ? new VerificationFilter() : filter;
        LocalDate from = given.getRequestedFrom();
        LocalDate to = given.getRequestedTo();
        if (from != null && to != null && to.isBefore(from)) {
            throw QueryNormaliser.invalid("INVALID_FIELD", "requestedTo", "the period ends before it starts");
        }
        int offset = given.getOffset() == null ? 0 : given.getOffset();
        if (offset < 0) {
            throw QueryNormaliser.invalid("INVALID_FIELD", "offset", "must not be negative");
        }
        int limit = given.getLimit() == null ? MAX_PAGE : given.getLimit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw QueryNormaliser.invalid("INVALID_FIELD", "limit", "page size must be 1 to " + MAX_PAGE);
        }
        return new VerificationSearch(organisationCode, startOf(from), to == null ? null : startOf(to.plusDays(1)),
                given.getResultCode(),
                optional(given.getInsurerNumber(), "insurerNumber", "\\d{6}|\\d{8}", "insurer number must be 6 or 8 "
                        + "digits"),
                optional(given.getSymbol(), "symbol", ".{1," + MAX_KEY_LENGTH + "}", "symbol must be 1 to 40 "
                        + "characters"),
                optional(given.getNumber(), "number", ".{1," + MAX_KEY_LENGTH + "}", "number must be 1 to 40 "
                        + "characters"),
                offset, limit);
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(QueryNormaliser.JAPAN).toInstant();
    }

    /** Blank means "any"; anything else must be a valid value of the field. */
    private static String optional(String typed, String field, String pattern, String rule)
            throws InvalidRequestFault {
        String value = CardKeys.normalise(typed);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches(pattern)) {
            throw QueryNormaliser.invalid("INVALID_FIELD", field, rule);
        }
        return value;
    }
}
