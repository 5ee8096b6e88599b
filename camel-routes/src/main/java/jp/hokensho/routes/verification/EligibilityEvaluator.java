package jp.hokensho.routes.verification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.Insurer;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.InsurerEntry;

/**
 * Decides eligibility on the target date from an insurer's card data. The center alone decides: a
 * real-time insurer returns data, never a verdict, so both sources are judged by the same rules.
 */
public final class EligibilityEvaluator {

    /** Fills {@code answer} (which already carries number, query and time) from the card. */
    public void evaluate(EligibilityAnswer answer, InsurerEntry insurer, CardData card, DataSource source,
                         OffsetDateTime centerReceivedAt) {
        EligibilityQuery query = answer.getQuery();
        answer.setInsurer(insurerOf(insurer));
        answer.setSource(source);
        if (card == null) {
            answer.setResultCode(ResultCode.SYMBOL_NUMBER_NOT_FOUND);
            return;
        }
        Optional<CardPerson> subject = subjectOf(card, query);
        // A branch or birth date that does not match says "not found", never which field failed.
        if (subject.isEmpty() && query.getBranchNumber() != null || !birthDateMatches(card, subject, query)) {
            answer.setResultCode(ResultCode.SYMBOL_NUMBER_NOT_FOUND);
            return;
        }
        answer.setResultCode(resultOn(card, query.getTargetDate()));
        copyDetails(answer, card, subject, query.getTargetDate());
        answer.setInsurerUpdatedAt(card.getInsurerUpdatedAt());
        answer.setCenterReceivedAt(source == DataSource.PRE_STORED ? centerReceivedAt : null);
    }

    static ResultCode resultOn(CardData card, LocalDate target) {
        if (target.isBefore(card.getValidFrom())
                || card.getQualificationAcquired() != null && target.isBefore(card.getQualificationAcquired())) {
            return ResultCode.NOT_YET_VALID;
        }
        // qualificationLost is 資格喪失日: the first day without eligibility.
        if (card.getValidTo() != null && target.isAfter(card.getValidTo())
                || card.getQualificationLost() != null && !target.isBefore(card.getQualificationLost())) {
            return ResultCode.EXPIRED;
        }
        return ResultCode.VALID;
    }

    public static int ageOn(LocalDate birthDate, LocalDate target) {
        return Math.max(0, Period.between(birthDate, target).getYears());
    }

    private static Optional<CardPerson> subjectOf(CardData card, EligibilityQuery query) {
        if (query.getBranchNumber() == null) {
            return Optional.empty();
        }
        return household(card).stream()
                .filter(person -> query.getBranchNumber().equals(person.getBranchNumber()))
                .findFirst();
    }

    private static boolean birthDateMatches(CardData card, Optional<CardPerson> subject, EligibilityQuery query) {
        LocalDate birthDate = query.getBirthDate();
        if (birthDate == null) {
            return true;
        }
        List<CardPerson> candidates = subject.map(List::of).orElseGet(() -> household(card));
        return candidates.stream().anyMatch(person -> birthDate.equals(person.getBirthDate()));
    }

    private static List<CardPerson> household(CardData card) {
        List<CardPerson> people = new ArrayList<>();
        people.add(card.getInsured());
        people.addAll(card.getDependent());
        return people;
    }

    private static void copyDetails(EligibilityAnswer answer, CardData card, Optional<CardPerson> subject,
                                    LocalDate target) {
        answer.setValidFrom(card.getValidFrom());
        answer.setValidTo(card.getValidTo());
        answer.setQualificationAcquired(card.getQualificationAcquired());
        answer.setQualificationLost(card.getQualificationLost());
        answer.setCopaymentPercent(card.getCopaymentPercent());
        answer.setEmployer(card.getEmployer());
        answer.setInsured(withAge(card.getInsured(), target));
        card.getDependent().stream().map(person -> withAge(person, target)).forEach(answer.getDependent()::add);
        subject.map(person -> withAge(person, target)).ifPresent(answer::setSubject);
    }

    static Person withAge(CardPerson from, LocalDate target) {
        Person person = new Person();
        person.setBranchNumber(from.getBranchNumber());
        person.setName(from.getName());
        person.setNameKana(from.getNameKana());
        person.setSex(from.getSex());
        person.setBirthDate(from.getBirthDate());
        person.setRelationship(from.getRelationship());
        person.setAge(ageOn(from.getBirthDate(), target));
        return person;
    }

    static Insurer insurerOf(InsurerEntry entry) {
        Objects.requireNonNull(entry, "insurer");
        Insurer insurer = new Insurer();
        insurer.setInsurerNumber(entry.insurerNumber());
        insurer.setName(entry.name());
        insurer.setAddress(entry.address());
        return insurer;
    }
}
