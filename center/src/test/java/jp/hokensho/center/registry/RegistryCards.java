package jp.hokensho.center.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/**
 * Test data for the card registry: a realistic large household card of a pre-stored insurer (insured and five
 * dependents with kanji and kana names, an employer), valid 2020-04-01…2030-03-31; tests change what they need.
 */
public final class RegistryCards {
    public static final OffsetDateTime UPDATED_AT = OffsetDateTime.of(2026, 3, 31, 17, 30, 15, 123_456_000,
            ZoneOffset.ofHours(9));

    private RegistryCards() {
    }

    public static CardData household(String insurerNumber, String symbol, String number) {
        CardData card = new CardData();
        card.setInsurerNumber(insurerNumber);
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(LocalDate.of(2020, 4, 1));
        card.setValidTo(LocalDate.of(2030, 3, 31));
        card.setQualificationAcquired(LocalDate.of(2020, 4, 1));
        card.setCopaymentPercent(30);
        Party employer = new Party();
        employer.setName("株式会社なにわ製作所 大阪本社営業部");
        employer.setAddress("大阪府大阪市北区梅田一丁目1番1号 梅田センタービル12階");
        card.setEmployer(employer);
        card.setInsured(person("00", "髙橋 𠮷太郎", "タカハシ キチタロウ", Sex.MALE, "1975-05-05", Relationship.SELF));
        card.getDependent().add(person("01", "髙橋 花子", "タカハシ ハナコ", Sex.FEMALE, "1977-02-28",
                Relationship.SPOUSE));
        card.getDependent().add(person("02", "髙橋 一郎", "タカハシ イチロウ", Sex.MALE, "2004-04-02",
                Relationship.ELDEST_SON));
        card.getDependent().add(person("03", "髙橋 桜子", "タカハシ サクラコ", Sex.FEMALE, "2007-03-03",
                Relationship.ELDEST_DAUGHTER));
        card.getDependent().add(person("04", "髙橋 次郎", "タカハシ ジロウ", Sex.MALE, "2010-10-10",
                Relationship.SECOND_SON));
        card.getDependent().add(person("05", "髙橋 ぱぴぷ", "タカハシ パピプ", Sex.FEMALE, "1948-12-31",
                Relationship.MOTHER));
        card.setInsurerUpdatedAt(UPDATED_AT);
        return card;
    }

    public static CardPerson person(String branch, String name, String kana, Sex sex, String born,
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
