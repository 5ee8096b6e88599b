package jp.hokensho.center.admin.applications;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import jp.hokensho.center.identity.store.UserAccountEntity;
import org.hibernate.Session;

/**
 * One ID per person: finds the active accounts of the person an application names. A person is the same when
 * the birth date matches and the name or the kana does, compared after NFKC without any spaces and with
 * hiragana read as katakana (「ウエノ タロウ」, 「うえの　たろう」 and 「ｳｴﾉﾀﾛｳ」 are one reading).
 */
final class SamePerson {
    private SamePerson() {
    }

    /** Active accounts of the person, in every organisation, except {@code exceptUserId} (may be null). */
    static List<UserAccountEntity> activeAccounts(Session session, String name, String kana, LocalDate birthDate,
                                                  String exceptUserId) {
        if (birthDate == null || (blank(name) && blank(kana))) {
            return List.of();
        }
        List<UserAccountEntity> born = session.createSelectionQuery("from UserAccountEntity u join fetch "
                        + "u.organisation where u.birthDate = :birthDate and u.endedAt is null order by u.userId",
                        UserAccountEntity.class)
                .setParameter("birthDate", birthDate).getResultList();
        return born.stream()
                .filter(account -> !account.getUserId().equals(exceptUserId))
                .filter(account -> same(name, account.getPersonName()) || same(kana, account.getPersonKana()))
                .toList();
    }

    static String normalised(String text) {
        String compact = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        StringBuilder katakana = new StringBuilder(compact.length());
        compact.codePoints().forEach(c -> katakana.appendCodePoint(c >= 0x3041 && c <= 0x3096 ? c + 0x60 : c));
        return katakana.toString();
    }

    private static boolean same(String applied, String stored) {
        return !blank(applied) && !blank(stored) && normalised(applied).equals(normalised(stored));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
