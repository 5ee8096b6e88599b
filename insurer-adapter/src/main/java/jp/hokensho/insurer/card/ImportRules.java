package jp.hokensho.insurer.card;

import java.time.LocalDate;
import java.util.Set;

/**
 * What an import accepts beyond the format: the insurers this adapter serves (empty: any), whether insurer
 * numbers must pass the check digit (a per-insurer rule: test numbers like 00000001 do not), and "today"
 * in Asia/Tokyo, after which no one can be born.
 */
public record ImportRules(Set<String> servedInsurers, boolean checkDigitRequired, LocalDate today) {
    public ImportRules {
        servedInsurers = Set.copyOf(servedInsurers);
    }
}
