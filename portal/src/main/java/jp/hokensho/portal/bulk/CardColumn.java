package jp.hokensho.portal.bulk;

import java.util.Arrays;
import java.util.List;

/** The columns of a card file, by their header names; the first three are required, the others may be left out. */
public enum CardColumn {
    INSURER_NUMBER("保険者番号", true),
    SYMBOL("記号", true),
    NUMBER("番号", true),
    BRANCH_NUMBER("枝番", false),
    TARGET_DATE("対象年月日", false),
    BIRTH_DATE("生年月日", false);

    private final String header;
    private final boolean required;

    CardColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    public String header() {
        return header;
    }

    public boolean required() {
        return required;
    }

    static CardColumn byHeader(String header) {
        return Arrays.stream(values()).filter(column -> column.header.equals(header)).findFirst().orElse(null);
    }

    /** 保険者番号,記号,番号,枝番,対象年月日,生年月日 */
    public static List<String> headers() {
        return Arrays.stream(values()).map(CardColumn::header).toList();
    }
}
