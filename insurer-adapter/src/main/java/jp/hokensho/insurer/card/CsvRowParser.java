package jp.hokensho.insurer.card;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jp.hokensho.contract.InsurerNumberCheckDigit;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/**
 * Turns one CSV row into a one-person card, collecting every problem of the row with its line number.
 */
final class CsvRowParser {
    static final List<String> COLUMNS = List.of("insurer_number", "symbol", "number", "branch", "name", "name_kana",
            "sex", "birth_date", "relationship", "valid_from", "valid_to", "qualification_acquired",
            "qualification_lost", "copayment_percent", "employer_name", "employer_address", "insurer_updated_at");

    record Row(String key, CardData card) {
    }

    private final Map<String, Integer> index;
    private final ImportRules rules;

    private CsvRowParser(Map<String, Integer> index, ImportRules rules) {
        this.index = index;
        this.rules = rules;
    }

    static CsvRowParser forHeader(CsvReader.Record header, ImportRules rules, List<String> errors) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                errors.add("line " + header.line() + ": unknown column '" + name + "'");
            } else if (index.put(name, i) != null) {
                errors.add("line " + header.line() + ": column '" + name + "' appears twice");
            }
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column)) {
                errors.add("line " + header.line() + ": column '" + column + "' is missing");
            }
        }
        return errors.isEmpty() ? new CsvRowParser(index, rules) : null;
    }

    /** The row as a card holding just this person, or null after adding the row's problems to {@code errors}. */
    Row parse(CsvReader.Record record, List<String> errors) {
        List<String> problems = new ArrayList<>();
        if (record.fields().size() != index.size()) {
            errors.add("line " + record.line() + ": " + record.fields().size() + " fields, expected " + index.size());
            return null;
        }
        CsvCells cells = new CsvCells(index, record, problems);
        CardData card = new CardData();
        card.setInsurerNumber(cells.matching("insurer_number", "\\d{8}|\\d{6}", "8 or 6 digits"));
        insurerProblems(card.getInsurerNumber(), problems);
        card.setSymbol(cells.matching("symbol", ".{1,40}", "1 to 40 characters"));
        card.setNumber(cells.matching("number", ".{1,40}", "1 to 40 characters"));
        card.setValidFrom(cells.date("valid_from", true));
        card.setValidTo(cells.date("valid_to", false));
        card.setQualificationAcquired(cells.date("qualification_acquired", false));
        card.setQualificationLost(cells.date("qualification_lost", false));
        card.setCopaymentPercent(cells.percent("copayment_percent"));
        String employer = cells.text("employer_name", 200, false);
        if (employer != null) {
            Party party = new Party();
            party.setName(employer);
            party.setAddress(cells.text("employer_address", 400, false));
            card.setEmployer(party);
        }
        card.setInsurerUpdatedAt(cells.timestamp("insurer_updated_at"));
        dateProblems(card, problems);
        CardPerson person = new CardPerson();
        person.setBranchNumber(cells.matching("branch", "\\d{2}", "2 digits"));
        person.setName(cells.text("name", 100, true));
        person.setNameKana(cells.text("name_kana", 100, false));
        person.setSex(cells.choice("sex", Sex.class));
        person.setBirthDate(cells.date("birth_date", true));
        person.setRelationship(cells.choice("relationship", Relationship.class));
        if (person.getBirthDate() != null && person.getBirthDate().isAfter(rules.today())) {
            problems.add("birth_date " + person.getBirthDate() + " is in the future");
        }
        String sexProblem = HouseholdRules.sexProblem(person);
        if (sexProblem != null) {
            problems.add(sexProblem);
        }
        boolean self = person.getRelationship() == Relationship.SELF;
        if (person.getBranchNumber() != null && person.getRelationship() != null
                && self != "00".equals(person.getBranchNumber())) {
            problems.add("the insured person is branch 00 with relationship SELF, and only they are");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> errors.add("line " + record.line() + ": " + p));
            return null;
        }
        if (self) {
            card.setInsured(person);
        } else {
            card.getDependent().add(person);
        }
        String key = card.getInsurerNumber() + "\u0000" + card.getSymbol() + "\u0000" + card.getNumber();
        return new Row(key, card);
    }

    private void insurerProblems(String insurerNumber, List<String> problems) {
        if (insurerNumber == null) {
            return;
        }
        if (!rules.servedInsurers().isEmpty() && !rules.servedInsurers().contains(insurerNumber)) {
            problems.add("insurer number " + insurerNumber + " is not served by this adapter");
        }
        if (rules.checkDigitRequired() && !InsurerNumberCheckDigit.isValid(insurerNumber)) {
            problems.add("insurer number " + insurerNumber + " fails the check digit (adapter.check-digit-required)");
        }
    }

    private static void dateProblems(CardData card, List<String> problems) {
        if (card.getValidFrom() != null && card.getValidTo() != null && card.getValidTo().isBefore(card.getValidFrom())) {
            problems.add("valid_to is before valid_from");
        }
        if (card.getQualificationAcquired() != null && card.getQualificationLost() != null
                && card.getQualificationLost().isBefore(card.getQualificationAcquired())) {
            problems.add("qualification_lost is before qualification_acquired");
        }
    }

    /** Rows of one household must agree on everything that belongs to the card rather than the person. */
    static boolean sameCardColumns(CardData a, CardData b) {
        return Objects.equals(a.getValidFrom(), b.getValidFrom()) && Objects.equals(a.getValidTo(), b.getValidTo())
                && Objects.equals(a.getQualificationAcquired(), b.getQualificationAcquired())
                && Objects.equals(a.getQualificationLost(), b.getQualificationLost())
                && Objects.equals(a.getCopaymentPercent(), b.getCopaymentPercent())
                && Objects.equals(party(a), party(b))
                && a.getInsurerUpdatedAt().toInstant().equals(b.getInsurerUpdatedAt().toInstant());
    }

    private static List<String> party(CardData c) {
        return c.getEmployer() == null ? null : java.util.Arrays.asList(c.getEmployer().getName(), c.getEmployer().getAddress());
    }
}
