package jp.hokensho.center.registry;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;

/**
 * The rules a registered card must meet beyond the schema, on its normalised values: it belongs to the
 * request's insurer, its keys and texts fit, its dates are consistent, the insured is branch 00 and SELF, and
 * branch numbers are two digits and unique within the household. The first problem found is reported.
 */
final class CardValidator {
    private static final int MAX_KEY = 40;
    private static final int MAX_NAME = 200;
    private static final int MAX_ADDRESS = 400;

    /** A rule the card breaks: a code of docs/fault-codes.md and a message naming the field. */
    record Problem(String code, String message) {
    }

    Optional<Problem> check(String insurerNumber, CardData card) {
        if (!insurerNumber.equals(CardKeys.normalise(card.getInsurerNumber()))) {
            return problem("INSURER_MISMATCH", "insurerNumber: the card's insurer number "
                    + CardKeys.normalise(card.getInsurerNumber()) + " is not the request's " + insurerNumber);
        }
        Optional<Problem> keys = key(card.getSymbol(), "symbol").or(() -> key(card.getNumber(), "number"));
        if (keys.isPresent()) {
            return keys;
        }
        if (card.getValidFrom() == null || card.getInsured() == null || card.getInsurerUpdatedAt() == null) {
            return problem("MISSING_FIELD", (card.getValidFrom() == null ? "validFrom"
                    : card.getInsured() == null ? "insured" : "insurerUpdatedAt") + ": the field is missing");
        }
        if (card.getValidTo() != null && card.getValidTo().isBefore(card.getValidFrom())) {
            return problem("INVALID_DATES", "validTo: " + card.getValidTo() + " is before validFrom "
                    + card.getValidFrom());
        }
        if (card.getQualificationAcquired() != null && card.getQualificationLost() != null
                && card.getQualificationLost().isBefore(card.getQualificationAcquired())) {
            return problem("INVALID_DATES", "qualificationLost: " + card.getQualificationLost()
                    + " is before qualificationAcquired " + card.getQualificationAcquired());
        }
        if (card.getCopaymentPercent() != null && (card.getCopaymentPercent() < 0 || card.getCopaymentPercent() > 100)) {
            return problem("INVALID_FIELD", "copaymentPercent: must be 0 to 100");
        }
        if (card.getEmployer() != null && (length(card.getEmployer().getName()) > MAX_NAME
                || length(card.getEmployer().getAddress()) > MAX_ADDRESS)) {
            return problem("INVALID_FIELD", "employer: name up to 200, address up to 400 characters");
        }
        return household(card);
    }

    private static Optional<Problem> household(CardData card) {
        CardPerson insured = card.getInsured();
        String insuredBranch = CardKeys.normalise(insured.getBranchNumber());
        if (insured.getRelationship() != Relationship.SELF || insuredBranch != null && !"00".equals(insuredBranch)) {
            return problem("INSURED_NOT_SELF", "insured: the insured person is branch 00 with relationship SELF");
        }
        Set<String> branches = new HashSet<>();
        branches.add("00");
        Optional<Problem> person = person(insured, "insured");
        for (int i = 0; person.isEmpty() && i < card.getDependent().size(); i++) {
            CardPerson dependent = card.getDependent().get(i);
            String field = "dependent[" + (i + 1) + "]";
            String branch = CardKeys.normalise(dependent.getBranchNumber());
            if (dependent.getRelationship() == Relationship.SELF) {
                return problem("INVALID_FIELD", field + ": a dependent's relationship cannot be SELF");
            }
            if (branch != null && !branch.matches("\\d{2}")) {
                return problem("INVALID_FIELD", field + ".branchNumber: must be 2 digits");
            }
            if (branch != null && !branches.add(branch)) {
                return problem("DUPLICATE_BRANCH", field + ".branchNumber: " + branch + " is used twice on the card");
            }
            person = person(dependent, field);
        }
        return person;
    }

    private static Optional<Problem> person(CardPerson person, String field) {
        if (person.getName() == null || person.getName().isBlank()) {
            return problem("MISSING_FIELD", field + ".name: the name is missing");
        }
        if (person.getName().length() > MAX_NAME || length(person.getNameKana()) > MAX_NAME) {
            return problem("INVALID_FIELD", field + ".name: up to 200 characters");
        }
        if (person.getBirthDate() == null || person.getSex() == null || person.getRelationship() == null) {
            return problem("MISSING_FIELD", field + ": sex, birth date and relationship are required");
        }
        return Optional.empty();
    }

    private static Optional<Problem> key(String typed, String field) {
        String value = CardKeys.normalise(typed);
        if (value == null || value.isEmpty()) {
            return problem("MISSING_FIELD", field + ": the field is missing");
        }
        if (value.length() > MAX_KEY) {
            return problem("INVALID_FIELD", field + ": must be 1 to 40 characters");
        }
        return Optional.empty();
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static Optional<Problem> problem(String code, String message) {
        return Optional.of(new Problem(code, message));
    }
}
