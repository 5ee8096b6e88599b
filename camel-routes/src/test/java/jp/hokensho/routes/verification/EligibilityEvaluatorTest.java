package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static jp.hokensho.routes.verification.CardDataBuilder.person;
import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The center's own verdict on an insurer's card data: result on the target date, ages, subject, identity checks. */
class EligibilityEvaluatorTest {
    private static final OffsetDateTime RECEIVED_AT = OffsetDateTime.of(2005, 7, 1, 3, 0, 0, 0, ZoneOffset.UTC);

    private final EligibilityEvaluator evaluator = new EligibilityEvaluator();

    @Test
    void screensCardIsValidWithTheHouseholdAndAgesOnTheTargetDate() {
        EligibilityAnswer answer = evaluate(aCard().build(), aQuery().build(), DataSource.REAL_TIME, null);

        assertAll(
                () -> assertEquals(ResultCode.VALID, answer.getResultCode()),
                () -> assertEquals(DataSource.REAL_TIME, answer.getSource()),
                () -> assertEquals("〇〇〇健康保険組合", answer.getInsurer().getName()),
                () -> assertEquals("東京都〇〇区××1-1-1", answer.getInsurer().getAddress()),
                () -> assertEquals(LocalDate.of(2004, 4, 1), answer.getValidFrom()),
                () -> assertEquals(LocalDate.of(2010, 3, 31), answer.getValidTo()),
                () -> assertEquals("NTTコムウェア", answer.getEmployer().getName()),
                () -> assertEquals(30, answer.getCopaymentPercent()),
                () -> assertEquals("上野 太郎 50 SELF", line(answer.getInsured())),
                () -> assertEquals(List.of("上野 一子 44 SPOUSE", "上野 次子 22 ELDEST_DAUGHTER", "上野 三郎 19 ELDEST_SON",
                        "上野 四郎 17 SECOND_SON", "上野 五郎 69 FATHER"),
                        answer.getDependent().stream().map(EligibilityEvaluatorTest::line).toList()),
                () -> assertNull(answer.getSubject(), "without a branch the answer covers the household"),
                () -> assertEquals(CardDataBuilder.INSURER_UPDATED_AT, answer.getInsurerUpdatedAt()),
                () -> assertNull(answer.getCenterReceivedAt()));
    }

    @Nested
    class ResultOnTheTargetDate {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
            "2004-03-31, NOT_YET_VALID",
            "2004-04-01, VALID",
            "2010-03-31, VALID",
            "2010-04-01, EXPIRED",
            "2030-01-01, EXPIRED"})
        void validityPeriodIncludesBothEnds(LocalDate target, ResultCode expected) {
            CardData card = aCard().validFrom(LocalDate.of(2004, 4, 1)).validTo(LocalDate.of(2010, 3, 31))
                    .qualificationAcquired(null).build();

            assertEquals(expected, resultOn(card, target));
        }

        @ParameterizedTest(name = "lost 2008-10-01, on {0} → {1}")
        @CsvSource({
            "2008-09-30, VALID",
            "2008-10-01, EXPIRED",
            "2008-10-02, EXPIRED"})
        void qualificationLostIsTheFirstDayWithoutEligibility(LocalDate target, ResultCode expected) {
            CardData card = aCard().qualificationLost(LocalDate.of(2008, 10, 1)).build();

            assertEquals(expected, resultOn(card, target));
        }

        @ParameterizedTest(name = "acquired 2004-06-15, on {0} → {1}")
        @CsvSource({
            "2004-06-14, NOT_YET_VALID",
            "2004-06-15, VALID"})
        void qualificationAcquiredAfterTheCardsValidFromStillWaits(LocalDate target, ResultCode expected) {
            CardData card = aCard().validFrom(LocalDate.of(2004, 4, 1)).qualificationAcquired(LocalDate.of(2004, 6, 15))
                    .build();

            assertEquals(expected, resultOn(card, target));
        }

        @Test
        void cardWithoutEndDateStaysValid() {
            CardData card = aCard().validTo(null).build();

            assertEquals(ResultCode.VALID, resultOn(card, LocalDate.of(2099, 12, 31)));
        }

        @Test
        void expiredCardStillShowsWhatTheInsurerHolds() {
            EligibilityAnswer answer = evaluate(aCard().build(), aQuery().targetDate(LocalDate.of(2010, 4, 1)).build(),
                    DataSource.REAL_TIME, null);

            assertEquals(ResultCode.EXPIRED, answer.getResultCode());
            assertEquals(LocalDate.of(2010, 3, 31), answer.getValidTo());
            assertEquals("上野 太郎", answer.getInsured().getName());
        }

        private ResultCode resultOn(CardData card, LocalDate target) {
            return evaluate(card, aQuery().targetDate(target).build(), DataSource.PRE_STORED, RECEIVED_AT)
                    .getResultCode();
        }
    }

    @Nested
    class AgesOnTheTargetDate {

        @ParameterizedTest(name = "born {0}, on {1}: {2}")
        @CsvSource({
            "1955-07-07, 2005-07-08, 50", // birthday the day before
            "1955-07-08, 2005-07-08, 50", // birthday the same day
            "1955-07-09, 2005-07-08, 49", // birthday the day after
            "2005-07-08, 2005-07-08, 0",
            "2000-02-29, 2001-02-28, 0",  // 29 February: not yet in a common year's 28 February
            "2000-02-29, 2001-03-01, 1",
            "2000-02-29, 2004-02-28, 3",
            "2000-02-29, 2004-02-29, 4",
            "1904-02-29, 2005-07-08, 101"})
        void completedYears(LocalDate born, LocalDate target, int age) {
            assertEquals(age, EligibilityEvaluator.ageOn(born, target));

            EligibilityAnswer answer = evaluate(aCard().insuredBornOn(born).validFrom(LocalDate.of(1900, 1, 1))
                    .qualificationAcquired(null).validTo(null).build(), aQuery().targetDate(target).build(),
                    DataSource.REAL_TIME, null);
            assertEquals(age, answer.getInsured().getAge());
        }

        @Test
        void dependentsAgesAreOnTheTargetDateToo() {
            EligibilityAnswer answer = evaluate(aCard().build(), aQuery().targetDate(LocalDate.of(2005, 10, 10)).build(),
                    DataSource.REAL_TIME, null);

            assertEquals(45, answer.getDependent().get(0).getAge(), "上野 一子 born 1960-10-10");
            assertEquals(19, answer.getDependent().get(2).getAge(), "上野 三郎 born 1985-12-12");
        }
    }

    @Nested
    class BranchAndBirthDate {

        @Test
        void branchSelectsTheDependentAsSubject() {
            EligibilityAnswer answer = evaluate(aCard().build(), aQuery().branchNumber("02").build(),
                    DataSource.REAL_TIME, null);

            assertEquals(ResultCode.VALID, answer.getResultCode());
            assertEquals("上野 次子 22 ELDEST_DAUGHTER", line(answer.getSubject()));
            assertEquals("02", answer.getSubject().getBranchNumber());
            assertEquals(5, answer.getDependent().size(), "the household is still answered");
        }

        @Test
        void branchOfTheInsuredSelectsTheInsured() {
            EligibilityAnswer answer = evaluate(aCard().build(), aQuery().branchNumber("00").build(),
                    DataSource.REAL_TIME, null);

            assertEquals("上野 太郎 50 SELF", line(answer.getSubject()));
        }

        @Test
        void branchWithMatchingBirthDateIsValid() {
            EligibilityAnswer answer = evaluate(aCard().build(),
                    aQuery().branchNumber("05").birthDate(LocalDate.of(1936, 2, 2)).build(), DataSource.REAL_TIME, null);

            assertEquals(ResultCode.VALID, answer.getResultCode());
            assertEquals("上野 五郎", answer.getSubject().getName());
        }

        @Test
        void birthDateOfAnyoneInTheHouseholdMatchesWithoutBranch() {
            EligibilityAnswer answer = evaluate(aCard().build(), aQuery().birthDate(LocalDate.of(1983, 3, 3)).build(),
                    DataSource.REAL_TIME, null);

            assertEquals(ResultCode.VALID, answer.getResultCode());
            assertNull(answer.getSubject());
        }

        @Test
        void unknownBranchIsNotFoundWithoutPersonalDetails() {
            assertNotFoundRevealingNothing(evaluate(aCard().build(), aQuery().branchNumber("09").build(),
                    DataSource.REAL_TIME, null));
        }

        @Test
        void birthDateMatchingNobodyIsNotFoundWithoutPersonalDetails() {
            assertNotFoundRevealingNothing(evaluate(aCard().build(), aQuery().birthDate(LocalDate.of(1955, 5, 6)).build(),
                    DataSource.REAL_TIME, null));
        }

        @Test
        void birthDateOfAnotherHouseholdMemberThanTheBranchIsNotFound() {
            // Branch 01 is 上野 一子; 1955-05-05 is her husband's birthday.
            assertNotFoundRevealingNothing(evaluate(aCard().build(),
                    aQuery().branchNumber("01").birthDate(LocalDate.of(1955, 5, 5)).build(), DataSource.PRE_STORED,
                    RECEIVED_AT));
        }

        @Test
        void mismatchOnAnExpiredCardIsStillNotFound() {
            // The identity check comes first: an expired card must not confirm that the person exists.
            assertNotFoundRevealingNothing(evaluate(aCard().build(),
                    aQuery().targetDate(LocalDate.of(2011, 1, 1)).branchNumber("07").build(), DataSource.REAL_TIME, null));
        }

        @Test
        void cardWithoutDependentsAnswersAnEmptyHousehold() {
            EligibilityAnswer answer = evaluate(aCard().dependents().insured(person("00", "𠮷田 花子", Sex.FEMALE,
                    LocalDate.of(1970, 1, 1), Relationship.SELF)).build(), aQuery().build(), DataSource.REAL_TIME, null);

            assertEquals(ResultCode.VALID, answer.getResultCode());
            assertEquals("𠮷田 花子", answer.getInsured().getName());
            assertTrue(answer.getDependent().isEmpty());
        }
    }

    @Test
    void noCardIsSymbolNumberNotFound() {
        EligibilityAnswer answer = evaluate(null, aQuery().build(), DataSource.REAL_TIME, null);

        assertNotFoundRevealingNothing(answer);
        assertEquals(DataSource.REAL_TIME, answer.getSource());
        assertEquals("00000001", answer.getInsurer().getInsurerNumber());
    }

    @Test
    void centerReceivedAtIsAnsweredForPreStoredData() {
        EligibilityAnswer answer = evaluate(aCard().build(), aQuery().build(), DataSource.PRE_STORED, RECEIVED_AT);

        assertEquals(DataSource.PRE_STORED, answer.getSource());
        assertEquals(RECEIVED_AT, answer.getCenterReceivedAt());
        assertEquals(CardDataBuilder.INSURER_UPDATED_AT, answer.getInsurerUpdatedAt());
    }

    @Test
    void centerReceivedAtIsNeverAnsweredForRealTimeData() {
        EligibilityAnswer answer = evaluate(aCard().build(), aQuery().build(), DataSource.REAL_TIME, RECEIVED_AT);

        assertNull(answer.getCenterReceivedAt());
        assertEquals(CardDataBuilder.INSURER_UPDATED_AT, answer.getInsurerUpdatedAt());
    }

    private EligibilityAnswer evaluate(CardData card, EligibilityQuery query, DataSource source,
                                       OffsetDateTime receivedAt) {
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber("00000000000000000709");
        answer.setQuery(query);
        answer.setAnsweredAt(OffsetDateTime.of(2005, 7, 8, 1, 23, 45, 0, ZoneOffset.UTC));
        evaluator.evaluate(answer, Insurers.REAL_TIME, card, source, receivedAt);
        return answer;
    }

    private static void assertNotFoundRevealingNothing(EligibilityAnswer answer) {
        assertAll(
                () -> assertEquals(ResultCode.SYMBOL_NUMBER_NOT_FOUND, answer.getResultCode()),
                () -> assertNull(answer.getInsured()),
                () -> assertTrue(answer.getDependent().isEmpty()),
                () -> assertNull(answer.getSubject()),
                () -> assertNull(answer.getEmployer()),
                () -> assertNull(answer.getValidFrom()),
                () -> assertNull(answer.getValidTo()),
                () -> assertNull(answer.getQualificationAcquired()),
                () -> assertNull(answer.getCopaymentPercent()),
                () -> assertNull(answer.getInsurerUpdatedAt()),
                () -> assertNull(answer.getCenterReceivedAt()));
    }

    private static String line(Person person) {
        return person.getName() + " " + person.getAge() + " " + person.getRelationship();
    }
}
