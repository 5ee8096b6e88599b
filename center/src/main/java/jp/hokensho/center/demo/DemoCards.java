package jp.hokensho.center.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/** The pre-stored demo insurer's cards: valid with dependents, expired, qualification lost, not yet valid. */
public final class DemoCards {
    public static final String PRE_STORED_INSURER = "33120015";

    private DemoCards() {
    }

    public static List<CardData> all() {
        CardData valid = card("大阪", "100", "2020-04-01", "2030-03-31", null,
                person("00", "佐藤 一郎", "サトウ イチロウ", Sex.MALE, "1970-08-15", Relationship.SELF));
        valid.getDependent().add(person("01", "佐藤 花子", "サトウ ハナコ", Sex.FEMALE, "1972-02-29",
                Relationship.SPOUSE));
        valid.getDependent().add(person("02", "佐藤 健", "サトウ ケン", Sex.MALE, "2005-12-24",
                Relationship.ELDEST_SON));
        CardData expired = card("大阪", "200", "2018-04-01", "2023-03-31", null,
                person("00", "鈴木 次郎", "スズキ ジロウ", Sex.MALE, "1965-01-10", Relationship.SELF));
        CardData lost = card("大阪", "300", "2021-04-01", "2031-03-31", "2025-10-01",
                person("00", "髙橋 𠮷子", "タカハシ ヨシコ", Sex.FEMALE, "1988-07-07", Relationship.SELF));
        CardData notYet = card("大阪", "400", "2027-04-01", "2032-03-31", null,
                person("00", "田中 三郎", "タナカ サブロウ", Sex.MALE, "2000-11-30", Relationship.SELF));
        return List.of(valid, expired, lost, notYet);
    }

    private static CardData card(String symbol, String number, String from, String to, String lost,
                                 CardPerson insured) {
        CardData card = new CardData();
        card.setInsurerNumber(PRE_STORED_INSURER);
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(LocalDate.parse(from));
        card.setValidTo(LocalDate.parse(to));
        card.setQualificationAcquired(LocalDate.parse(from));
        card.setQualificationLost(lost == null ? null : LocalDate.parse(lost));
        card.setCopaymentPercent(30);
        Party employer = new Party();
        employer.setName("株式会社なにわ製作所");
        employer.setAddress("大阪府大阪市北区梅田1-1-1");
        card.setEmployer(employer);
        card.setInsured(insured);
        card.setInsurerUpdatedAt(OffsetDateTime.of(2025, 11, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9)));
        return card;
    }

    private static CardPerson person(String branch, String name, String kana, Sex sex, String born,
                                     Relationship relationship) {
        CardPerson person = new CardPerson();
        person.setBranchNumber(branch);
        person.setName(name);
        person.setNameKana(kana);
        person.setSex(sex);
        person.setBirthDate(LocalDate.parse(born));
        person.setRelationship(relationship);
        return person;
    }
}
