package jp.hokensho.insurer.card;

import java.util.EnumSet;
import java.util.Set;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/**
 * Relationship (続柄) rules of a household: the sex a relationship implies, and those a household has once.
 */
final class HouseholdRules {
    private static final Set<Relationship> MALE = EnumSet.of(Relationship.ELDEST_SON, Relationship.SECOND_SON,
            Relationship.THIRD_SON, Relationship.FATHER);
    private static final Set<Relationship> FEMALE = EnumSet.of(Relationship.ELDEST_DAUGHTER,
            Relationship.SECOND_DAUGHTER, Relationship.THIRD_DAUGHTER, Relationship.MOTHER);
    /** Only SELF (checked by branch 00) and OTHER may not be unique; a second SPOUSE or ELDEST_SON is a typo. */
    private static final Set<Relationship> ONCE = EnumSet.complementOf(EnumSet.of(Relationship.SELF,
            Relationship.OTHER));

    private HouseholdRules() {
    }

    /** A problem with the person's sex for their relationship, or null. */
    static String sexProblem(CardPerson person) {
        Relationship r = person.getRelationship();
        Sex s = person.getSex();
        if (r == null || s == null) {
            return null;
        }
        if ((MALE.contains(r) && s != Sex.MALE) || (FEMALE.contains(r) && s != Sex.FEMALE)) {
            return "relationship " + r + " does not go with sex " + s;
        }
        return null;
    }

    /** A problem if the household already has someone with this person's once-only relationship, or null. */
    static String duplicateRelationship(CardData household, CardPerson person) {
        Relationship r = person.getRelationship();
        if (!ONCE.contains(r)) {
            return null;
        }
        for (CardPerson other : household.getDependent()) {
            if (other.getRelationship() == r) {
                return "relationship " + r + " already on this card (branch " + other.getBranchNumber() + ")";
            }
        }
        return null;
    }
}
