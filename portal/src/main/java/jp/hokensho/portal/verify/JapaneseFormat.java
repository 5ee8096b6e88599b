package jp.hokensho.portal.verify;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;

/** How the source screen writes values: dates in the Japanese era, times in Japan, sex and relationship in words. */
public final class JapaneseFormat {
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H時mm分ss秒");

    private JapaneseFormat() {
    }

    /** 平成16年4月1日; the first year of an era is 元年 (令和元年5月1日). */
    public static String eraDate(LocalDate date) {
        JapaneseDate japanese = JapaneseDate.from(date);
        JapaneseEra era = japanese.getEra();
        int year = japanese.get(ChronoField.YEAR_OF_ERA);
        return era.getDisplayName(TextStyle.FULL, Locale.JAPAN) + (year == 1 ? "元" : Integer.toString(year)) + "年"
                + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** 平成16年4月1日～平成22年3月31日; an open end stays open (平成16年4月1日～). */
    public static String eraPeriod(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return "";
        }
        return (from == null ? "" : eraDate(from)) + "～" + (to == null ? "" : eraDate(to));
    }

    /** A moment in Japan time: 平成17年7月8日 9時05分00秒. */
    public static String eraDateTime(OffsetDateTime moment) {
        var local = moment.atZoneSameInstant(JAPAN);
        return eraDate(local.toLocalDate()) + " " + TIME.format(local);
    }

    public static String sex(Sex sex) {
        return sex == Sex.FEMALE ? "女" : "男";
    }

    /** 男50才(昭和30年5月5日生): sex, the age on the target date as answered, and the birth date. */
    public static String sexAgeBirth(Sex sex, int age, LocalDate birthDate) {
        return sex(sex) + age + "才(" + eraDate(birthDate) + "生)";
    }

    /** 続柄 as written on a card; a spouse is 妻 or 夫 by sex. */
    public static String relationship(Relationship relationship, Sex sex) {
        return switch (relationship) {
            case SELF -> "本人";
            case SPOUSE -> sex == Sex.FEMALE ? "妻" : "夫";
            case ELDEST_SON -> "長男";
            case SECOND_SON -> "次男";
            case THIRD_SON -> "三男";
            case ELDEST_DAUGHTER -> "長女";
            case SECOND_DAUGHTER -> "次女";
            case THIRD_DAUGHTER -> "三女";
            case FATHER -> "父";
            case MOTHER -> "母";
            case OTHER -> "その他";
        };
    }

    /** 認証結果 as the screen says it. An unreachable insurer never reads as a card that was not found. */
    public static String result(ResultCode code) {
        return switch (code) {
            case VALID -> "有効な保険資格です";
            case EXPIRED -> "保険資格の有効期限が切れています（資格喪失を含む）";
            case NOT_YET_VALID -> "保険資格の有効期間前です";
            case SYMBOL_NUMBER_NOT_FOUND -> "該当する記号・番号（枝番・生年月日）の保険資格はありません";
            case INSURER_NOT_FOUND -> "該当する保険者番号はありません";
            case INSURER_UNAVAILABLE -> "保険者のシステムに接続できないため、確認できませんでした。しばらくしてから再度お試しください";
        };
    }
}
