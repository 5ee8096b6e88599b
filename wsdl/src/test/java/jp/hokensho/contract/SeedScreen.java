package jp.hokensho.contract;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.Insurer;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;

/**
 * The answer on the clinic screen of the source document (appendix 6) and a second card with characters
 * outside the BMP, built as the generated JAXB objects; the expected payloads under
 * {@code src/test/resources/expected} are their serialisations.
 */
final class SeedScreen {
    static final LocalDate TARGET_DATE = LocalDate.of(2005, 7, 8);
    static final OffsetDateTime ANSWERED_AT = OffsetDateTime.of(2005, 7, 8, 1, 23, 45, 678_000_000, ZoneOffset.UTC);
    static final OffsetDateTime INSURER_UPDATED_AT =
            OffsetDateTime.of(2005, 6, 30, 18, 0, 0, 0, ZoneOffset.ofHours(9));

    private SeedScreen() {
    }

    static EligibilityAnswer answer() {
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber("00000000000000000709");
        answer.setResultCode(ResultCode.VALID);
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber("00000001");
        query.setSymbol("東京");
        query.setNumber("001");
        query.setTargetDate(TARGET_DATE);
        answer.setQuery(query);
        answer.setAnsweredAt(ANSWERED_AT);
        answer.setSource(DataSource.REAL_TIME);
        Insurer insurer = new Insurer();
        insurer.setInsurerNumber("00000001");
        insurer.setName("〇〇〇健康保険組合");
        insurer.setAddress("東京都〇〇区××1-1-1");
        answer.setInsurer(insurer);
        answer.setValidFrom(LocalDate.of(2004, 4, 1));
        answer.setValidTo(LocalDate.of(2010, 3, 31));
        answer.setQualificationAcquired(LocalDate.of(2004, 4, 1));
        answer.setCopaymentPercent(30);
        answer.setEmployer(party("NTTコムウェア", "東京都港区港南1-9-1"));
        Person insured = person("00", "上野 太郎", Sex.MALE, LocalDate.of(1955, 5, 5), Relationship.SELF, 50);
        insured.setNameKana("ウエノ タロウ");
        answer.setInsured(insured);
        answer.getDependent().add(person("01", "上野 一子", Sex.FEMALE, LocalDate.of(1960, 10, 10),
                Relationship.SPOUSE, 44));
        answer.getDependent().add(person("02", "上野 次子", Sex.FEMALE, LocalDate.of(1983, 3, 3),
                Relationship.ELDEST_DAUGHTER, 22));
        answer.getDependent().add(person("03", "上野 三郎", Sex.MALE, LocalDate.of(1985, 12, 12),
                Relationship.ELDEST_SON, 19));
        answer.getDependent().add(person("04", "上野 四郎", Sex.MALE, LocalDate.of(1987, 9, 9),
                Relationship.SECOND_SON, 17));
        answer.getDependent().add(person("05", "上野 五郎", Sex.MALE, LocalDate.of(1936, 2, 2),
                Relationship.FATHER, 69));
        answer.setInsurerUpdatedAt(INSURER_UPDATED_AT);
        return answer;
    }

    /** A real-time insurer's card: 𠮷 (U+20BB7, a surrogate pair in Java), 髙, 〇, a 29 February birthday. */
    static CardData yoshidaCard() {
        CardData card = new CardData();
        card.setInsurerNumber("33120015");
        card.setSymbol("大阪１");
        card.setNumber("4711");
        card.setValidFrom(LocalDate.of(2024, 4, 1));
        card.setQualificationAcquired(LocalDate.of(2024, 4, 1));
        card.setQualificationLost(LocalDate.of(2026, 4, 1));
        card.setCopaymentPercent(20);
        card.setEmployer(party("〇〇商事株式会社", "大阪府大阪市北区梅田1-1-1"));
        CardPerson insured = cardPerson("00", "𠮷田 花子", Sex.FEMALE, LocalDate.of(1952, 2, 29), Relationship.SELF);
        insured.setNameKana("ヨシダ ハナコ");
        card.setInsured(insured);
        card.getDependent().add(cardPerson("01", "𠮷田 髙志", Sex.MALE, LocalDate.of(1950, 12, 31),
                Relationship.SPOUSE));
        card.setInsurerUpdatedAt(OffsetDateTime.of(2026, 3, 31, 23, 59, 59, 999_000_000, ZoneOffset.ofHours(9)));
        return card;
    }

    private static Party party(String name, String address) {
        Party party = new Party();
        party.setName(name);
        party.setAddress(address);
        return party;
    }

    private static Person person(String branch, String name, Sex sex, LocalDate birthDate, Relationship relationship,
                                 int age) {
        Person person = new Person();
        person.setBranchNumber(branch);
        person.setName(name);
        person.setSex(sex);
        person.setBirthDate(birthDate);
        person.setRelationship(relationship);
        person.setAge(age);
        return person;
    }

    private static CardPerson cardPerson(String branch, String name, Sex sex, LocalDate birthDate,
                                         Relationship relationship) {
        CardPerson person = new CardPerson();
        person.setBranchNumber(branch);
        person.setName(name);
        person.setSex(sex);
        person.setBirthDate(birthDate);
        person.setRelationship(relationship);
        return person;
    }
}
