package jp.hokensho.portal.bulk;

/** One problem of one line of the uploaded file, in Japanese ({@code 3行目: 保険者番号は6桁または8桁の数字です}). */
public record RowProblem(int line, String message) {
    public String text() {
        return line + "行目: " + message;
    }
}
