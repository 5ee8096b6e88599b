package jp.hokensho.routes.verification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.RequestFault;

/**
 * Normalises a query as typed (NFKC, trimmed) and checks what the schema cannot: the normalised values.
 * A missing target date becomes today in Asia/Tokyo, whatever zone the server runs in.
 */
public final class QueryNormaliser {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final int MAX_KEY_LENGTH = 40;

    private final Clock clock;

    public QueryNormaliser(Clock clock) {
        this.clock = clock;
    }

    public EligibilityQuery normalise(EligibilityQuery typed) throws InvalidRequestFault {
        if (typed == null) {
            throw invalid("MISSING_FIELD", "query", "the query is missing");
        }
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(require(typed.getInsurerNumber(), "insurerNumber", "\\d{6}|\\d{8}",
                "insurer number must be 6 or 8 digits"));
        query.setSymbol(require(typed.getSymbol(), "symbol", ".{1," + MAX_KEY_LENGTH + "}",
                "symbol must be 1 to 40 characters"));
        query.setNumber(require(typed.getNumber(), "number", ".{1," + MAX_KEY_LENGTH + "}",
                "number must be 1 to 40 characters"));
        if (typed.getBranchNumber() != null) {
            query.setBranchNumber(require(typed.getBranchNumber(), "branchNumber", "\\d{2}",
                    "branch number must be 2 digits"));
        }
        query.setTargetDate(typed.getTargetDate() != null ? typed.getTargetDate() : today());
        query.setBirthDate(typed.getBirthDate());
        if (query.getBirthDate() != null && query.getBirthDate().isAfter(query.getTargetDate())) {
            throw invalid("INVALID_FIELD", "birthDate", "birth date is after the target date");
        }
        return query;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    private static String require(String typed, String field, String pattern, String rule)
            throws InvalidRequestFault {
        String value = CardKeys.normalise(typed);
        if (value == null || value.isEmpty()) {
            throw invalid("MISSING_FIELD", field, field + " is missing");
        }
        if (!value.matches(pattern)) {
            throw invalid("INVALID_FIELD", field, rule);
        }
        return value;
    }

    public static InvalidRequestFault invalid(String code, String field, String message) {
        RequestFault info = new RequestFault();
        info.setCode(code);
        info.setField(field);
        info.setMessage(message);
        return new InvalidRequestFault(field + ": " + message, info);
    }
}
