package jp.hokensho.portal.verify;

import static jp.hokensho.portal.web.FormValues.date;
import static jp.hokensho.portal.web.FormValues.halfWidth;
import static jp.hokensho.portal.web.FormValues.trimmed;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import jp.hokensho.contract.types.EligibilityQuery;

/**
 * The 個別認証 form as typed, and its checks: the same rules the page gives the browser (required, pattern), made
 * again on the server, with one Japanese message per field. Full-width digits count like half-width ones.
 */
public final class VerificationForm {
    /** The browser's patterns, kept beside the server's checks so both say the same. */
    public static final String INSURER_NUMBER_PATTERN = "[0-9０-９]{6}([0-9０-９]{2})?";
    public static final String BRANCH_NUMBER_PATTERN = "[0-9０-９]{2}";
    public static final int MAX_SYMBOL_NUMBER_LENGTH = 40;

    private final String insurerNumber;
    private final String symbol;
    private final String number;
    private final String branchNumber;
    private final String targetDate;
    private final String birthDate;
    private final Map<String, String> errors = new LinkedHashMap<>();

    public VerificationForm(String insurerNumber, String symbol, String number, String branchNumber, String targetDate,
                            String birthDate) {
        this.insurerNumber = trimmed(insurerNumber);
        this.symbol = trimmed(symbol);
        this.number = trimmed(number);
        this.branchNumber = trimmed(branchNumber);
        this.targetDate = trimmed(targetDate);
        this.birthDate = trimmed(birthDate);
    }

    /** An empty form whose target date is {@code today} (today in Japan). */
    public static VerificationForm empty(LocalDate today) {
        return new VerificationForm("", "", "", "", today.toString(), "");
    }

    /** Checks every field; the messages by field name, in the order of the form, empty when all is well. */
    public Map<String, String> validate() {
        errors.clear();
        if (!halfWidth(insurerNumber).matches("\\d{6}|\\d{8}")) {
            errors.put("insurerNumber", "保険者番号は6桁または8桁の数字です");
        }
        checkText("symbol", "記号", symbol);
        checkText("number", "番号", number);
        if (!branchNumber.isEmpty() && !halfWidth(branchNumber).matches("\\d{2}")) {
            errors.put("branchNumber", "枝番は2桁の数字です（ない場合は空欄）");
        }
        if (targetDate.isEmpty()) {
            errors.put("targetDate", "対象年月日を入力してください");
        } else if (date(targetDate) == null) {
            errors.put("targetDate", "対象年月日は正しい日付で入力してください（例: 2005-07-08）");
        }
        if (!birthDate.isEmpty() && date(birthDate) == null) {
            errors.put("birthDate", "生年月日は正しい日付で入力してください（例: 1955-05-05。ない場合は空欄）");
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    private void checkText(String field, String label, String value) {
        if (value.isEmpty()) {
            errors.put(field, label + "を入力してください");
        } else if (value.length() > MAX_SYMBOL_NUMBER_LENGTH) {
            errors.put(field, label + "は" + MAX_SYMBOL_NUMBER_LENGTH + "文字以内で入力してください");
        }
    }

    /** The query for the center; only after {@link #validate()} found nothing. */
    public EligibilityQuery toQuery() {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(halfWidth(insurerNumber));
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setBranchNumber(branchNumber.isEmpty() ? null : halfWidth(branchNumber));
        query.setTargetDate(date(targetDate));
        query.setBirthDate(birthDate.isEmpty() ? null : date(birthDate));
        return query;
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

    public String getBranchNumber() {
        return branchNumber;
    }

    public String getTargetDate() {
        return targetDate;
    }

    public String getBirthDate() {
        return birthDate;
    }

    /** Reads the form from request parameters by their names. */
    public static VerificationForm from(Function<String, String> parameter) {
        return new VerificationForm(parameter.apply("insurerNumber"), parameter.apply("symbol"),
                parameter.apply("number"), parameter.apply("branchNumber"), parameter.apply("targetDate"),
                parameter.apply("birthDate"));
    }
}
