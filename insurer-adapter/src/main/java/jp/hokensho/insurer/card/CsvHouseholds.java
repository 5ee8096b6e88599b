package jp.hokensho.insurer.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;

/**
 * Groups the parsed rows (one per person) into households (one per card), checking that they fit together:
 * the same card columns on every row, unique branches and relationships, exactly one insured person.
 */
final class CsvHouseholds {
    /** A household and the line of its first row, which errors about the whole card cite. */
    record Household(int firstLine, CardData card) {
    }

    private CsvHouseholds() {
    }

    /** Every household of the file; each problem found goes to {@code errors} as "line N: ...". */
    static Map<String, Household> group(List<CsvReader.Record> records, ImportRules rules, List<String> errors) {
        Map<String, Household> households = new LinkedHashMap<>();
        if (records.isEmpty()) {
            errors.add("line 1: the header row is missing");
            return households;
        }
        CsvRowParser parser = CsvRowParser.forHeader(records.get(0), rules, errors);
        if (parser == null) {
            return households;
        }
        for (CsvReader.Record record : records.subList(1, records.size())) {
            CsvRowParser.Row row = parser.parse(record, errors);
            if (row == null) {
                continue;
            }
            Household h = households.get(row.key());
            if (h == null) {
                households.put(row.key(), new Household(record.line(), row.card()));
            } else if (!CsvRowParser.sameCardColumns(h.card(), row.card())) {
                errors.add("line " + record.line() + ": card columns differ from line " + h.firstLine()
                        + " of the same card");
            } else {
                addPerson(h, row, record.line(), errors);
            }
        }
        for (Household h : households.values()) {
            if (h.card().getInsured() == null) {
                errors.add("line " + h.firstLine() + ": card " + h.card().getSymbol() + "/" + h.card().getNumber()
                        + " has no insured person (branch 00, relationship SELF)");
            }
        }
        return households;
    }

    private static void addPerson(Household h, CsvRowParser.Row row, int line, List<String> errors) {
        CardPerson person = row.card().getInsured() != null ? row.card().getInsured() : row.card().getDependent().get(0);
        CardData card = h.card();
        boolean duplicate = (card.getInsured() != null
                && card.getInsured().getBranchNumber().equals(person.getBranchNumber()))
                || card.getDependent().stream().anyMatch(p -> p.getBranchNumber().equals(person.getBranchNumber()));
        String relationshipProblem = HouseholdRules.duplicateRelationship(card, person);
        if (duplicate) {
            errors.add("line " + line + ": branch " + person.getBranchNumber() + " appears twice on this card");
        } else if (relationshipProblem != null) {
            errors.add("line " + line + ": " + relationshipProblem);
        } else if (person.getRelationship() == Relationship.SELF) {
            if (card.getInsured() != null) {
                errors.add("line " + line + ": a second insured person (SELF) on this card");
            } else {
                card.setInsured(person);
            }
        } else {
            card.getDependent().add(person);
        }
    }
}
