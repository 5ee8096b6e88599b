package jp.hokensho.portal.keys;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.portal.verify.JapaneseFormat;

/** One key as the screens show it: times in Japan, the state in words, which actions it still allows. */
public record KeyRow(String serialNumber, String organisationCode, String organisationName, String notBefore,
                     String notAfter, String issuedAt, String issuedBy, String revokedAt, String revokedBy,
                     String state, String stateLabel, String renews, String renewedBy) {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static KeyRow of(KeySummary key) {
        return new KeyRow(key.getSerialNumber(), key.getOrganisationCode(), key.getOrganisationName(),
                time(key.getNotBefore()), time(key.getNotAfter()), time(key.getIssuedAt()), key.getIssuedBy(),
                time(key.getRevokedAt()), key.getRevokedBy(), key.getState(), label(key.getState()), key.getRenews(),
                key.getRenewedBy());
    }

    /** A key in use and not yet replaced may be renewed. */
    public boolean renewable() {
        return "ACTIVE".equals(state) || "EXPIRING".equals(state);
    }

    /** Any key the center still accepts (or will accept) may be revoked, a renewed one during its overlap too. */
    public boolean revocable() {
        return renewable() || "RENEWED".equals(state) || "NOT_YET_VALID".equals(state);
    }

    static String label(String state) {
        return switch (state) {
            case "ACTIVE" -> "有効";
            case "EXPIRING" -> "期限間近";
            case "RENEWED" -> "更新済み（移行期間中）";
            case "EXPIRED" -> "期限切れ";
            case "REVOKED" -> "失効";
            case "NOT_YET_VALID" -> "有効期間前";
            default -> state;
        };
    }

    /** 2026-11-30 09:00 (Japan time). */
    static String time(OffsetDateTime moment) {
        return moment == null ? null : MINUTES.format(moment.atZoneSameInstant(JapaneseFormat.JAPAN));
    }
}
