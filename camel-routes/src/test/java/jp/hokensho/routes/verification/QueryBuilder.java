package jp.hokensho.routes.verification;

import java.time.LocalDate;
import jp.hokensho.contract.types.EligibilityQuery;

/** Test data: a query as typed at the clinic, by default the source document's screen (00000001, 東京, 001, 2005-07-08). */
final class QueryBuilder {
    static final LocalDate SCREEN_DATE = LocalDate.of(2005, 7, 8);

    private String insurerNumber = "00000001";
    private String symbol = "東京";
    private String number = "001";
    private String branchNumber;
    private LocalDate targetDate = SCREEN_DATE;
    private LocalDate birthDate;

    static QueryBuilder aQuery() {
        return new QueryBuilder();
    }

    QueryBuilder insurerNumber(String value) {
        insurerNumber = value;
        return this;
    }

    QueryBuilder symbol(String value) {
        symbol = value;
        return this;
    }

    QueryBuilder number(String value) {
        number = value;
        return this;
    }

    QueryBuilder branchNumber(String value) {
        branchNumber = value;
        return this;
    }

    QueryBuilder targetDate(LocalDate value) {
        targetDate = value;
        return this;
    }

    QueryBuilder birthDate(LocalDate value) {
        birthDate = value;
        return this;
    }

    EligibilityQuery build() {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurerNumber);
        query.setSymbol(symbol);
        query.setNumber(number);
        query.setBranchNumber(branchNumber);
        query.setTargetDate(targetDate);
        query.setBirthDate(birthDate);
        return query;
    }
}
