package jp.hokensho.routes.verification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/**
 * Test data: an insurer's card whose defaults are the card of the source document's clinic screen
 * (insurer 00000001, 東京/001, 上野 太郎 and five dependents, valid 2004-04-01 to 2010-03-31); each test
 * overrides only what it is about.
 */
final class CardDataBuilder {
    static final OffsetDateTime INSURER_UPDATED_AT = OffsetDateTime.of(2005, 6, 30, 18, 0, 0, 0, ZoneOffset.ofHours(9));

    private String insurerNumber = "00000001";
    private String symbol = "東京";
    private String number = "001";
    private LocalDate validFrom = LocalDate.of(2004, 4, 1);
    private LocalDate validTo = LocalDate.of(2010, 3, 31);
    private LocalDate qualificationAcquired = LocalDate.of(2004, 4, 1);
    private LocalDate qualificationLost;
    private Integer copaymentPercent = 30;
    private String employerName = "NTTコムウェア";
    private String employerAddress = "東京都港区港南1-9-1";
    private CardPerson insured = person("00", "上野 太郎", Sex.MALE, LocalDate.of(1955, 5, 5), Relationship.SELF);
    private List<CardPerson> dependents = new ArrayList<>(List.of(
            person("01", "上野 一子", Sex.FEMALE, LocalDate.of(1960, 10, 10), Relationship.SPOUSE),
            person("02", "上野 次子", Sex.FEMALE, LocalDate.of(1983, 3, 3), Relationship.ELDEST_DAUGHTER),
            person("03", "上野 三郎", Sex.MALE, LocalDate.of(1985, 12, 12), Relationship.ELDEST_SON),
            person("04", "上野 四郎", Sex.MALE, LocalDate.of(1987, 9, 9), Relationship.SECOND_SON),
            person("05", "上野 五郎", Sex.MALE, LocalDate.of(1936, 2, 2), Relationship.FATHER)));
    private OffsetDateTime insurerUpdatedAt = INSURER_UPDATED_AT;

    static CardDataBuilder aCard() {
        return new CardDataBuilder();
    }

    static CardPerson person(String branch, String name, Sex sex, LocalDate birthDate, Relationship relationship) {
        CardPerson person = new CardPerson();
        person.setBranchNumber(branch);
        person.setName(name);
        person.setSex(sex);
        person.setBirthDate(birthDate);
        person.setRelationship(relationship);
        return person;
    }

    CardDataBuilder insurerNumber(String value) {
        insurerNumber = value;
        return this;
    }

    CardDataBuilder symbol(String value) {
        symbol = value;
        return this;
    }

    CardDataBuilder number(String value) {
        number = value;
        return this;
    }

    CardDataBuilder validFrom(LocalDate value) {
        validFrom = value;
        return this;
    }

    CardDataBuilder validTo(LocalDate value) {
        validTo = value;
        return this;
    }

    CardDataBuilder qualificationAcquired(LocalDate value) {
        qualificationAcquired = value;
        return this;
    }

    CardDataBuilder qualificationLost(LocalDate value) {
        qualificationLost = value;
        return this;
    }

    CardDataBuilder insuredBornOn(LocalDate birthDate) {
        insured = person("00", "上野 太郎", Sex.MALE, birthDate, Relationship.SELF);
        return this;
    }

    CardDataBuilder insured(CardPerson value) {
        insured = value;
        return this;
    }

    CardDataBuilder dependents(CardPerson... people) {
        dependents = new ArrayList<>(List.of(people));
        return this;
    }

    CardDataBuilder insurerUpdatedAt(OffsetDateTime value) {
        insurerUpdatedAt = value;
        return this;
    }

    CardData build() {
        CardData card = new CardData();
        card.setInsurerNumber(insurerNumber);
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(validFrom);
        card.setValidTo(validTo);
        card.setQualificationAcquired(qualificationAcquired);
        card.setQualificationLost(qualificationLost);
        card.setCopaymentPercent(copaymentPercent);
        if (employerName != null) {
            Party employer = new Party();
            employer.setName(employerName);
            employer.setAddress(employerAddress);
            card.setEmployer(employer);
        }
        card.setInsured(insured);
        card.getDependent().addAll(dependents);
        card.setInsurerUpdatedAt(insurerUpdatedAt);
        return card;
    }
}
