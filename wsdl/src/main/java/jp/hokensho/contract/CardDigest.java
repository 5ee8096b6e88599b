package jp.hokensho.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;

/**
 * A SHA-256 digest of a card's content that the insurer's card server and the center compute alike, to
 * reconcile what the center holds with the insurer's data without shipping every card. Keys are normalised
 * (as everywhere), persons taken in branch order, the insurer's update time in UTC to the microsecond.
 */
public final class CardDigest {
    private static final char FIELD = '\u001f';
    private static final char RECORD = '\u001e';

    private CardDigest() {
    }

    public static String of(CardData card) {
        StringBuilder text = new StringBuilder();
        append(text, CardKeys.normalise(card.getInsurerNumber()), CardKeys.normalise(card.getSymbol()),
                CardKeys.normalise(card.getNumber()), card.getValidFrom(), card.getValidTo(),
                card.getQualificationAcquired(), card.getQualificationLost(), card.getCopaymentPercent(),
                card.getEmployer() == null ? null : card.getEmployer().getName(),
                card.getEmployer() == null ? null : card.getEmployer().getAddress(),
                card.getInsurerUpdatedAt() == null ? null : card.getInsurerUpdatedAt()
                        .withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).toInstant());
        List<CardPerson> persons = new ArrayList<>();
        persons.add(card.getInsured());
        persons.addAll(card.getDependent());
        persons.sort(Comparator.comparing(person -> String.valueOf(CardKeys.normalise(person.getBranchNumber()))));
        for (CardPerson person : persons) {
            text.append(RECORD);
            append(text, CardKeys.normalise(person.getBranchNumber()), person.getName(), person.getNameKana(),
                    person.getSex(), person.getBirthDate(), person.getRelationship());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void append(StringBuilder text, Object... values) {
        for (Object value : values) {
            text.append(value == null ? "" : value.toString()).append(FIELD);
        }
    }
}
