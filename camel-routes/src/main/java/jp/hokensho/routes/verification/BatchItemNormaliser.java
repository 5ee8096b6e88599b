package jp.hokensho.routes.verification;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityQuery;

/**
 * Turns one batch item (plain strings, so that a malformed item cannot fail the whole message) into the
 * normalised query of a single verification, by the same rules: the dates are parsed here, everything else
 * is {@link QueryNormaliser}'s. A broken item throws the same typed fault a single verification would get.
 */
final class BatchItemNormaliser {
    private final QueryNormaliser normaliser;

    BatchItemNormaliser(QueryNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    EligibilityQuery normalise(BatchItem item) throws InvalidRequestFault {
        if (item == null) {
            throw QueryNormaliser.invalid("MISSING_FIELD", "item", "the item is empty");
        }
        EligibilityQuery typed = new EligibilityQuery();
        typed.setInsurerNumber(item.getInsurerNumber());
        typed.setSymbol(item.getSymbol());
        typed.setNumber(item.getNumber());
        typed.setBranchNumber(blankToNull(item.getBranchNumber()));
        typed.setTargetDate(date(item.getTargetDate(), "targetDate"));
        typed.setBirthDate(date(item.getBirthDate(), "birthDate"));
        return normaliser.normalise(typed);
    }

    // An empty optional element is treated as absent, as a person filling a spreadsheet would mean it.
    private static String blankToNull(String typed) {
        String value = CardKeys.normalise(typed);
        return value == null || value.isEmpty() ? null : typed;
    }

    private static LocalDate date(String typed, String field) throws InvalidRequestFault {
        String value = CardKeys.normalise(typed);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw QueryNormaliser.invalid("INVALID_FIELD", field, field + " must be a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw QueryNormaliser.invalid("INVALID_FIELD", field, field + " is not a calendar date");
        }
    }
}
