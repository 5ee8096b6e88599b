package jp.hokensho.center.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One medical institution's counts per period (periods with no access are absent), and its total. */
public final class InstitutionUsage {
    private final String code;
    private final String name;
    private final Map<UsagePeriod, UsageCounts> periods = new LinkedHashMap<>();

    InstitutionUsage(String code, String name) {
        this.code = code;
        this.name = name;
    }

    UsageCounts period(UsagePeriod period) {
        return periods.computeIfAbsent(period, p -> new UsageCounts());
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Map<UsagePeriod, UsageCounts> periods() {
        return periods;
    }

    /** The sum of the periods; a card verified in two periods counts as a first verification in each. */
    public UsageCounts total() {
        UsageCounts total = new UsageCounts();
        periods.values().forEach(total::addAll);
        return total;
    }
}
