package jp.hokensho.portal.history;

import static jp.hokensho.portal.web.FormValues.date;
import static jp.hokensho.portal.web.FormValues.halfWidth;
import static jp.hokensho.portal.web.FormValues.trimmed;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.types.ResultCode;

/**
 * The 認証結果の閲覧 search as typed: period of the verification (request) date, result, and card. Every field is
 * optional; each is checked on the server with one Japanese message per field, like the 個別認証 form.
 */
public final class HistoryForm {
    public static final String INSURER_NUMBER_PATTERN = "[0-9０-９]{6}([0-9０-９]{2})?";
    public static final int MAX_SYMBOL_NUMBER_LENGTH = 40;

    private final String requestedFrom;
    private final String requestedTo;
    private final String resultCode;
    private final String insurerNumber;
    private final String symbol;
    private final String number;

    public HistoryForm(String requestedFrom, String requestedTo, String resultCode, String insurerNumber,
                       String symbol, String number) {
        this.requestedFrom = trimmed(requestedFrom);
        this.requestedTo = trimmed(requestedTo);
        this.resultCode = trimmed(resultCode);
        this.insurerNumber = trimmed(insurerNumber);
        this.symbol = trimmed(symbol);
        this.number = trimmed(number);
    }

    public static HistoryForm empty() {
        return new HistoryForm("", "", "", "", "", "");
    }

    public static HistoryForm from(Function<String, String> parameter) {
        return new HistoryForm(parameter.apply("requestedFrom"), parameter.apply("requestedTo"),
                parameter.apply("resultCode"), parameter.apply("insurerNumber"), parameter.apply("symbol"),
                parameter.apply("number"));
    }

    /** The messages by field name, in the order of the form; empty when all is well. */
    public Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = checkDate(errors, "requestedFrom", "期間（開始日）", requestedFrom);
        LocalDate to = checkDate(errors, "requestedTo", "期間（終了日）", requestedTo);
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("requestedTo", "期間の終了日は開始日以降の日付にしてください");
        }
        if (!resultCode.isEmpty() && Arrays.stream(ResultCode.values()).noneMatch(c -> c.name().equals(resultCode))) {
            errors.put("resultCode", "認証結果を一覧から選んでください");
        }
        if (!insurerNumber.isEmpty() && !halfWidth(insurerNumber).matches("\\d{6}|\\d{8}")) {
            errors.put("insurerNumber", "保険者番号は6桁または8桁の数字です（指定しない場合は空欄）");
        }
        if (symbol.length() > MAX_SYMBOL_NUMBER_LENGTH) {
            errors.put("symbol", "記号は" + MAX_SYMBOL_NUMBER_LENGTH + "文字以内で入力してください");
        }
        if (number.length() > MAX_SYMBOL_NUMBER_LENGTH) {
            errors.put("number", "番号は" + MAX_SYMBOL_NUMBER_LENGTH + "文字以内で入力してください");
        }
        return Collections.unmodifiableMap(errors);
    }

    /** The filter for the center; only after {@link #validate()} found nothing. */
    public VerificationFilter toFilter(int offset, int limit) {
        VerificationFilter filter = new VerificationFilter();
        filter.setRequestedFrom(date(requestedFrom));
        filter.setRequestedTo(date(requestedTo));
        filter.setResultCode(resultCode.isEmpty() ? null : ResultCode.valueOf(resultCode));
        filter.setInsurerNumber(insurerNumber.isEmpty() ? null : halfWidth(insurerNumber));
        filter.setSymbol(symbol.isEmpty() ? null : symbol);
        filter.setNumber(number.isEmpty() ? null : number);
        filter.setOffset(offset);
        filter.setLimit(limit);
        return filter;
    }

    private static LocalDate checkDate(Map<String, String> errors, String field, String label, String value) {
        if (value.isEmpty()) {
            return null;
        }
        LocalDate date = date(value);
        if (date == null) {
            errors.put(field, label + "は正しい日付で入力してください（例: 2026-04-01。指定しない場合は空欄）");
        }
        return date;
    }

    public String getRequestedFrom() {
        return requestedFrom;
    }

    public String getRequestedTo() {
        return requestedTo;
    }

    public String getResultCode() {
        return resultCode;
    }

    public String getInsurerNumber() {
        return insurerNumber;
    }

    public String getSymbol() {
        return symbol;
    }

    public String getNumber() {
        return number;
    }
}
