package jp.hokensho.routes.port;

import java.time.LocalDate;
import jp.hokensho.contract.types.EligibilityQuery;

/**
 * A query as the caller asked it, normalised (NFKC, trimmed) but without the defaults the center fills in: a
 * target date left out stays null ("today"), so that a retry the next day is still the same request. Two requests
 * with one requestReference must ask the same (see {@link KeptAnswers}).
 */
public record AskedQuery(String insurerNumber, String symbol, String number, String branchNumber,
                         LocalDate targetDate, LocalDate birthDate) {

    /** @param sentTargetDate the target date as sent, or null when the request had none */
    public static AskedQuery of(EligibilityQuery normalised, LocalDate sentTargetDate) {
        return new AskedQuery(normalised.getInsurerNumber(), normalised.getSymbol(), normalised.getNumber(),
                normalised.getBranchNumber(), sentTargetDate, normalised.getBirthDate());
    }
}
