package jp.hokensho.insurer.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;

/**
 * Whether two households hold the same data as stored (the generated contract classes have no equals).
 */
final class CardComparison {
    private CardComparison() {
    }

    static boolean same(CardData a, CardData b) {
        return values(a).equals(values(b));
    }

    /** Every stored value in a fixed order, normalised and truncated the way the database keeps them. */
    private static List<Object> values(CardData c) {
        List<Object> v = new ArrayList<>(List.of(
                CardKeys.normalise(c.getInsurerNumber()), CardKeys.normalise(c.getSymbol()),
                CardKeys.normalise(c.getNumber()), c.getValidFrom(), CardRows.utcMicros(c)));
        v.add(Objects.toString(c.getValidTo(), null));
        v.add(Objects.toString(c.getQualificationAcquired(), null));
        v.add(Objects.toString(c.getQualificationLost(), null));
        v.add(c.getCopaymentPercent());
        v.add(c.getEmployer() == null ? null : c.getEmployer().getName());
        v.add(c.getEmployer() == null ? null : c.getEmployer().getAddress());
        v.add(person(c.getInsured()));
        List<CardPerson> dependents = new ArrayList<>(c.getDependent());
        dependents.sort((x, y) -> CardKeys.normalise(x.getBranchNumber()).compareTo(CardKeys.normalise(y.getBranchNumber())));
        for (CardPerson p : dependents) {
            v.add(person(p));
        }
        return v;
    }

    private static List<Object> person(CardPerson p) {
        List<Object> v = new ArrayList<>();
        v.add(CardKeys.normalise(p.getBranchNumber()));
        v.add(p.getName());
        v.add(p.getNameKana());
        v.add(p.getSex());
        v.add(p.getBirthDate());
        v.add(p.getRelationship());
        return v;
    }
}
