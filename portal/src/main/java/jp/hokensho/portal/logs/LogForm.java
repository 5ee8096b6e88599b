package jp.hokensho.portal.logs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import jp.hokensho.contract.admin.ServiceLogCriteria;
import jp.hokensho.contract.admin.ServiceLogKind;

/** The service-log search form as typed: which log, organisation, user, days (Japanese), result, reason. */
record LogForm(String log, String organisationCode, String userId, String from, String to, String result,
               String reason) {
    static final Map<String, String> LOGS = Map.of("VERIFICATION", "認証記録", "ACCESS", "アクセスログ",
            "REFUSAL", "不正アクセスログ");

    static LogForm empty() {
        return new LogForm("VERIFICATION", "", "", "", "", "", "");
    }

    static LogForm from(UnaryOperator<String> parameter) {
        return new LogForm(text(parameter, "log"), text(parameter, "organisationCode"), text(parameter, "userId"),
                text(parameter, "from"), text(parameter, "to"), text(parameter, "result"), text(parameter, "reason"));
    }

    /** Field → message, in form order; empty when the search can go to the center. */
    Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!LOGS.containsKey(log)) {
            errors.put("log", "ログの種類を選んでください");
        }
        if (!from.isEmpty() && date(from) == null) {
            errors.put("from", "開始日は 2026-11-01 の形で入力してください");
        }
        if (!to.isEmpty() && date(to) == null) {
            errors.put("to", "終了日は 2026-11-30 の形で入力してください");
        }
        if (errors.isEmpty() && !from.isEmpty() && !to.isEmpty() && date(to).isBefore(date(from))) {
            errors.put("to", "終了日は開始日以降にしてください");
        }
        return errors;
    }

    ServiceLogCriteria criteria() {
        ServiceLogCriteria criteria = new ServiceLogCriteria();
        criteria.setLog(ServiceLogKind.fromValue(log));
        criteria.setOrganisationCode(blankToNull(organisationCode));
        criteria.setUserId(blankToNull(userId));
        criteria.setFrom(from.isEmpty() ? null : date(from));
        criteria.setTo(to.isEmpty() ? null : date(to));
        criteria.setResult(log.equals("REFUSAL") ? null : blankToNull(result));
        criteria.setReason(log.equals("REFUSAL") ? blankToNull(reason) : null);
        return criteria;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(UnaryOperator<String> parameter, String name) {
        String value = parameter.apply(name);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
