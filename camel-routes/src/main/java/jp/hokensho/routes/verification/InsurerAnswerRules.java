package jp.hokensho.routes.verification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.EligibilityQuery;

/**
 * What a real-time insurer's card must satisfy before the center evaluates it: it is the card asked about
 * (insurer, symbol, number, compared in normalised form), and it has what the evaluation reads. The center's
 * client also validates the answer against the contract's XSD; these rules hold even where that check is
 * absent, so an incomplete card can never reach the evaluator.
 */
final class InsurerAnswerRules {
    private InsurerAnswerRules() {
    }

    /** @throws InsurerAnswerRejected naming the first field that fails, never its value */
    static void check(EligibilityQuery asked, CardData card) {
        if (card == null) {
            return;
        }
        requireSame("insurerNumber", asked.getInsurerNumber(), card.getInsurerNumber());
        requireSame("symbol", asked.getSymbol(), card.getSymbol());
        requireSame("number", asked.getNumber(), card.getNumber());
        requirePresent("validFrom", card.getValidFrom());
        requirePresent("insurerUpdatedAt", card.getInsurerUpdatedAt());
        requirePresent("insured", card.getInsured());
        List<CardPerson> household = new ArrayList<>(card.getDependent());
        household.add(0, card.getInsured());
        for (CardPerson person : household) {
            requirePresent("dependent", person);
            requirePresent("birthDate", person.getBirthDate());
            requirePresent("name", person.getName());
            requirePresent("relationship", person.getRelationship());
        }
    }

    private static void requireSame(String field, String asked, String answered) {
        if (!Objects.equals(CardKeys.normalise(asked), CardKeys.normalise(answered))) {
            throw new InsurerAnswerRejected(field + ": the card answered is not the card asked");
        }
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new InsurerAnswerRejected(field + ": missing in the card answered");
        }
    }
}
