package jp.hokensho.insurer;

import jp.hokensho.insurer.card.CsvCardLoader;

/**
 * Back-office CSV for tests: the documented header and rows with overridable defaults.
 */
final class TestCsv {
    static final String HEADER = String.join(",", CsvCardLoader.COLUMNS) + "\n";

    private TestCsv() {
    }

    /** One person's row in column order; {@code cells} are the 17 columns. */
    static String row(String... cells) {
        if (cells.length != CsvCardLoader.COLUMNS.size()) {
            throw new IllegalArgumentException(cells.length + " cells");
        }
        return String.join(",", cells) + "\n";
    }

    /** An insured person (branch 00) and a spouse (01) on card {@code symbol}/{@code number}. */
    static String household(String insurer, String symbol, String number, String surname, String updatedAt) {
        return row(insurer, symbol, number, "00", surname + " 一郎", "イチロウ", "MALE", "1970-01-01", "SELF",
                "2020-04-01", "", "2020-04-01", "", "30", "株式会社テスト", "大阪府大阪市北区1-1", updatedAt)
                + row(insurer, symbol, number, "01", surname + " 花子", "ハナコ", "FEMALE", "1972-02-02", "SPOUSE",
                "2020-04-01", "", "2020-04-01", "", "30", "株式会社テスト", "大阪府大阪市北区1-1", updatedAt);
    }

    /** Households 大阪/{first}..{last} of an insurer, all changed by the insurer at the same time. */
    static String households(String insurer, int first, int last) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = first; n <= last; n++) {
            csv.append(household(insurer, "大阪", String.valueOf(n), "山田" + n, "2024-04-01T09:00:00+09:00"));
        }
        return csv.toString();
    }
}
