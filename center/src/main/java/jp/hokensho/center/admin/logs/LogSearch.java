package jp.hokensho.center.admin.logs;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.ServiceLogKind;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.AdminRequestProblem;

/**
 * A checked search of one log: which log, and the filters given (blank ones dropped). Days are Japanese calendar
 * days, both included; the query turns them into UTC instants, as the times are stored.
 */
record LogSearch(ServiceLogKind log, String organisationCode, String userId, LocalDate from, LocalDate to,
                 String result, String reason) {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    static LogSearch of(ServiceLogCriteria criteria) {
        if (criteria == null || criteria.getLog() == null) {
            throw new AdminRequestProblem("MISSING_FIELD", "log", "say which log: VERIFICATION, ACCESS or REFUSAL");
        }
        LogSearch search = new LogSearch(criteria.getLog(), blankToNull(criteria.getOrganisationCode()),
                blankToNull(criteria.getUserId()), criteria.getFrom(), criteria.getTo(),
                blankToNull(criteria.getResult()), blankToNull(criteria.getReason()));
        search.check();
        return search;
    }

    private void check() {
        if (from != null && to != null && to.isBefore(from)) {
            throw new AdminRequestProblem("INVALID_PERIOD", "to", "the period ends (" + to + ") before it starts ("
                    + from + ")");
        }
        if (result != null && log == ServiceLogKind.REFUSAL) {
            throw new AdminRequestProblem("INVALID_FIELD", "result", "the unauthorised-access log has reasons, not "
                    + "results: search it by reason");
        }
        if (reason != null && log != ServiceLogKind.REFUSAL) {
            throw new AdminRequestProblem("INVALID_FIELD", "reason", "only the unauthorised-access log (REFUSAL) "
                    + "has reasons; search " + log + " by result");
        }
        if (result != null && log == ServiceLogKind.VERIFICATION
                && Arrays.stream(ResultCode.values()).noneMatch(code -> code.value().equals(result))) {
            throw new AdminRequestProblem("INVALID_FIELD", "result", "'" + result + "' is not a result code ("
                    + Arrays.toString(ResultCode.values()) + ")");
        }
    }

    /** What the result filter means in this log: the result code, or the access's outcome. */
    String outcome() {
        return log == ServiceLogKind.REFUSAL ? reason : result;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
