package jp.hokensho.center.report;

import java.util.List;

/** The appendix 9 usage report: per medical institution and period, with totals per institution and overall. */
public record UsageReport(List<UsagePeriod> periods, List<InstitutionUsage> institutions) {

    public UsageCounts overall() {
        UsageCounts overall = new UsageCounts();
        institutions.forEach(institution -> overall.addAll(institution.total()));
        return overall;
    }
}
