package jp.hokensho.center.cardstore;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/** The source document's demo card (上野 family), as a builder with overridable keys. */
final class TestCards {
    private TestCards() {
    }

    static CardData uenoFamily(String insurerNumber, String symbol, String number) {
        CardData card = new CardData();
        card.setInsurerNumber(insurerNumber);
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(LocalDate.of(2004, 4, 1));
        card.setValidTo(LocalDate.of(2010, 3, 31));
        card.setQualificationAcquired(LocalDate.of(2004, 4, 1));
        card.setCopaymentPercent(30);
        Party employer = new Party();
        employer.setName("NTTコムウェア");
        employer.setAddress("東京都港区港南1-9-1");
        card.setEmployer(employer);
        card.setInsured(person("00", "上野 太郎", "ウエノ タロウ", Sex.MALE, LocalDate.of(1955, 5, 5), Relationship.SELF));
        card.getDependent().add(person("01", "上野 一子", "ウエノ カズコ", Sex.FEMALE, LocalDate.of(1960, 8, 1),
                Relationship.SPOUSE));
        card.getDependent().add(person("02", "上野 次子", null, Sex.FEMALE, LocalDate.of(1983, 1, 2),
                Relationship.ELDEST_DAUGHTER));
        card.getDependent().add(person("03", "上野 三郎", null, Sex.MALE, LocalDate.of(1985, 11, 3),
                Relationship.ELDEST_SON));
        card.getDependent().add(person("04", "上野 四郎", null, Sex.MALE, LocalDate.of(1987, 12, 4),
                Relationship.SECOND_SON));
        card.getDependent().add(person("05", "上野 五郎", null, Sex.MALE, LocalDate.of(1936, 6, 5),
                Relationship.FATHER));
        card.setInsurerUpdatedAt(OffsetDateTime.of(2005, 6, 30, 18, 15, 0, 123_456_789, ZoneOffset.ofHours(9)));
        return card;
    }

    static CardPerson person(String branch, String name, String kana, Sex sex, LocalDate birth, Relationship rel) {
        CardPerson person = new CardPerson();
        person.setBranchNumber(branch);
        person.setName(name);
        person.setNameKana(kana);
        person.setSex(sex);
        person.setBirthDate(birth);
        person.setRelationship(rel);
        return person;
    }
}
