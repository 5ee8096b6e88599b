package jp.hokensho.center.report;

import java.util.EnumMap;
import java.util.Map;
import jp.hokensho.contract.types.ResultCode;

/** Accesses and re-verifications of one institution in one period (or a total), each counted per result. */
public final class UsageCounts {
    private final Map<ResultCode, Long> results = new EnumMap<>(ResultCode.class);
    private final Map<ResultCode, Long> reverificationResults = new EnumMap<>(ResultCode.class);

    void add(ResultCode result, boolean reverification) {
        results.merge(result, 1L, Long::sum);
        if (reverification) {
            reverificationResults.merge(result, 1L, Long::sum);
        }
    }

    void addAll(UsageCounts other) {
        other.results.forEach((result, count) -> results.merge(result, count, Long::sum));
        other.reverificationResults.forEach((result, count) -> reverificationResults.merge(result, count, Long::sum));
    }

    public long accesses() {
        return results.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(ResultCode result) {
        return results.getOrDefault(result, 0L);
    }

    public long reverifications() {
        return reverificationResults.values().stream().mapToLong(Long::longValue).sum();
    }

    public long reverificationCount(ResultCode result) {
        return reverificationResults.getOrDefault(result, 0L);
    }
}
