package jp.hokensho.portal.verify;

import java.util.List;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.ResultCode;

/** The center's answer as the result part of the screen shows it: every value already in words. */
public record ResultView(String verificationNumber, String resultCode, String resultText, boolean valid,
                         String validity, String insurerName, String insurerAddress, String employerName,
                         String employerAddress, String insuredName, String insuredSexAgeBirth, List<Row> dependents,
                         String freshness, String targetDate) {

    /** One line of the dependents table. */
    public record Row(String name, String sex, String age, String birthDate, String relationship) {
    }

    public static ResultView of(EligibilityAnswer answer) {
        Person insured = answer.getInsured();
        return new ResultView(answer.getVerificationNumber(), answer.getResultCode().name(),
                JapaneseFormat.result(answer.getResultCode()), answer.getResultCode() == ResultCode.VALID,
                JapaneseFormat.eraPeriod(answer.getValidFrom(), answer.getValidTo()),
                answer.getInsurer() == null ? "" : answer.getInsurer().getName(),
                answer.getInsurer() == null || answer.getInsurer().getAddress() == null ? ""
                        : answer.getInsurer().getAddress(),
                answer.getEmployer() == null ? "" : answer.getEmployer().getName(),
                answer.getEmployer() == null || answer.getEmployer().getAddress() == null ? ""
                        : answer.getEmployer().getAddress(),
                insured == null ? "" : insured.getName(),
                insured == null ? "" : JapaneseFormat.sexAgeBirth(insured.getSex(), insured.getAge(),
                        insured.getBirthDate()),
                answer.getDependent().stream().map(ResultView::row).toList(), freshness(answer),
                answer.getQuery() == null || answer.getQuery().getTargetDate() == null ? ""
                        : JapaneseFormat.eraDate(answer.getQuery().getTargetDate()));
    }

    private static Row row(Person person) {
        return new Row(person.getName(), JapaneseFormat.sex(person.getSex()), person.getAge() + "才",
                JapaneseFormat.eraDate(person.getBirthDate()),
                JapaneseFormat.relationship(person.getRelationship(), person.getSex()));
    }

    /**
     * How fresh the data is: a real-time insurer was asked just now; pre-stored data is as old as the center's
     * last reception of it from the insurer.
     */
    private static String freshness(EligibilityAnswer answer) {
        if (answer.getSource() == DataSource.REAL_TIME) {
            return "リアルタイム（" + JapaneseFormat.eraDateTime(answer.getAnsweredAt()) + " 保険者に照会）";
        }
        if (answer.getSource() == DataSource.PRE_STORED && answer.getCenterReceivedAt() != null) {
            return "事前登録データ（" + JapaneseFormat.eraDateTime(answer.getCenterReceivedAt()) + " センター受信）";
        }
        return "";
    }
}
