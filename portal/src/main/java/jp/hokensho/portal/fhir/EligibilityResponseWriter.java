package jp.hokensho.portal.fhir;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Person;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.Sex;
import jp.hokensho.portal.verify.JapaneseFormat;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse.EligibilityResponsePurpose;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The center's answer as a CoverageEligibilityResponse. Every person on the card is a contained Patient with a
 * contained Coverage of their own (JP Core: 記号, 番号 and 枝番 as extensions, the 続柄 as the relationship to the
 * insured person, who is the subscriber); the patient's Coverage is the first insurance entry, the household's
 * others follow. The insurer and the employer are contained Organizations. Every contained resource is referenced
 * from the response or from another contained resource (dom-3).
 */
final class EligibilityResponseWriter {
    private static final String KANA_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";
    private static final String COPAY_TYPE = "http://terminology.hl7.org/CodeSystem/coverage-copay-type";
    private static final String ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type";

    private EligibilityResponseWriter() {
    }

    /** The center answered: outcome complete, or error when the insurer could not be asked. */
    static CoverageEligibilityResponse answered(CoverageEligibilityRequest request, EligibilityAnswer answer) {
        CoverageEligibilityResponse response = common(request);
        ResultCode result = answer.getResultCode();
        boolean known = result != ResultCode.INSURER_UNAVAILABLE;
        response.addIdentifier().setSystem(JpCore.VERIFICATION_NUMBER).setValue(answer.getVerificationNumber());
        response.setCreatedElement(dateTime(answer.getAnsweredAt()));
        response.setOutcome(known ? RemittanceOutcome.COMPLETE : RemittanceOutcome.ERROR);
        response.setDisposition(JapaneseFormat.result(result));
        EligibilityQuery query = answer.getQuery();
        if (query.getTargetDate() != null) {
            response.setServiced(new DateType(query.getTargetDate().toString()));
        }
        Reference insurer = insurer(response, answer);
        response.setInsurer(insurer);
        Reference employer = employer(response, answer.getEmployer());

        List<Person> people = new ArrayList<>();
        if (answer.getInsured() != null) {
            people.add(answer.getInsured());
        }
        people.addAll(answer.getDependent());
        Period benefitPeriod = benefitPeriod(answer);
        if (people.isEmpty()) {
            // Nothing on a card to show (not found, or the insurer was not reached): the query as asked.
            Reference patient = requestPatient(request, response);
            response.setPatient(patient);
            Coverage coverage = coverage("coverage", query, query.getBranchNumber(), insurer, patient);
            response.addContained(coverage);
            addInsurance(response, coverage, known ? Boolean.valueOf(result == ResultCode.VALID) : null, null);
        } else {
            int subject = subjectIndex(people, answer.getSubject());
            Reference insured = new Reference("#" + patientId(0));
            List<CoverageEligibilityResponse.InsuranceComponent> household = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                Person person = people.get(i);
                Patient patient = patient(patientId(i), person);
                response.addContained(patient);
                Reference beneficiary = new Reference("#" + patient.getIdElement().getIdPart());
                Coverage coverage = coverage("coverage-" + patientId(i), query, person.getBranchNumber(), insurer,
                        beneficiary);
                coverage.setSubscriber(insured.copy());
                coverage.setRelationship(relationship(person.getRelationship(), person.getSex()));
                coverage.setPeriod(benefitPeriod == null ? null : benefitPeriod.copy());
                if (employer != null) {
                    coverage.setPolicyHolder(employer.copy());
                }
                if (answer.getCopaymentPercent() != null) {
                    coverage.addCostToBeneficiary()
                            .setType(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(COPAY_TYPE,
                                    "copaypct", "Copay Percentage")).setText("負担割合"))
                            .setValue(new Quantity().setValue(answer.getCopaymentPercent()).setUnit("%")
                                    .setSystem("http://unitsofmeasure.org").setCode("%"));
                }
                response.addContained(coverage);
                if (i == subject) {
                    response.setPatient(beneficiary.copy());
                    addInsurance(response, coverage, result == ResultCode.VALID, benefitPeriod);
                } else {
                    household.add(new CoverageEligibilityResponse.InsuranceComponent()
                            .setCoverage(new Reference("#" + coverage.getIdElement().getIdPart()))
                            .setInforce(result == ResultCode.VALID)
                            .setBenefitPeriod(benefitPeriod == null ? null : benefitPeriod.copy()));
                }
            }
            household.forEach(response.getInsurance()::add);
        }
        if (result != ResultCode.VALID) {
            response.addError().setCode(resultCode(result.name(), JapaneseFormat.result(result)));
        }
        return response;
    }

    /** The center could not be reached: no answer, no verification number; outcome error. */
    static CoverageEligibilityResponse centerUnavailable(CoverageEligibilityRequest request, EligibilityQuery query,
                                                         OffsetDateTime now) {
        CoverageEligibilityResponse response = common(request);
        response.setCreatedElement(dateTime(now));
        response.setOutcome(RemittanceOutcome.ERROR);
        String text = "認証センターに接続できないため、確認できませんでした。しばらくしてから再度お試しください";
        response.setDisposition(text);
        if (query.getTargetDate() != null) {
            response.setServiced(new DateType(query.getTargetDate().toString()));
        }
        Reference insurer = insurerByNumber(query.getInsurerNumber());
        response.setInsurer(insurer);
        Reference patient = requestPatient(request, response);
        response.setPatient(patient);
        Coverage coverage = coverage("coverage", query, query.getBranchNumber(), insurer, patient);
        response.addContained(coverage);
        addInsurance(response, coverage, null, null);
        response.addError().setCode(resultCode("CENTER_UNAVAILABLE", text));
        return response;
    }

    private static CoverageEligibilityResponse common(CoverageEligibilityRequest request) {
        CoverageEligibilityResponse response = new CoverageEligibilityResponse();
        response.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        request.getPurpose().forEach(purpose ->
                response.addPurpose(EligibilityResponsePurpose.fromCode(purpose.getValue().toCode())));
        // The request is not stored: it is named by its own identifier, if it has one.
        Reference submitted = new Reference().setType("CoverageEligibilityRequest")
                .setDisplay("the submitted CoverageEligibilityRequest");
        if (request.hasIdentifier()) {
            submitted.setIdentifier(request.getIdentifierFirstRep().copy());
        }
        response.setRequest(submitted);
        return response;
    }

    private static void addInsurance(CoverageEligibilityResponse response, Coverage coverage, Boolean inforce,
                                     Period benefitPeriod) {
        CoverageEligibilityResponse.InsuranceComponent insurance = new CoverageEligibilityResponse.InsuranceComponent()
                .setCoverage(new Reference("#" + coverage.getIdElement().getIdPart()));
        if (inforce != null) {
            insurance.setInforce(inforce);
        }
        if (benefitPeriod != null) {
            insurance.setBenefitPeriod(benefitPeriod.copy());
        }
        // The patient's own coverage comes first.
        response.getInsurance().add(0, insurance);
    }

    /** The insurer as the center named it (contained), or only its number when the center knows none. */
    private static Reference insurer(CoverageEligibilityResponse response, EligibilityAnswer answer) {
        if (answer.getInsurer() == null) {
            return insurerByNumber(answer.getQuery().getInsurerNumber());
        }
        Organization insurer = new Organization();
        insurer.setId("insurer");
        insurer.addIdentifier().setSystem(JpCore.INSURER_NUMBER).setValue(answer.getInsurer().getInsurerNumber());
        insurer.addType().addCoding().setSystem(ORGANIZATION_TYPE).setCode("pay").setDisplay("Payer");
        insurer.setName(answer.getInsurer().getName());
        if (answer.getInsurer().getAddress() != null) {
            insurer.addAddress().setText(answer.getInsurer().getAddress());
        }
        response.addContained(insurer);
        return new Reference("#insurer");
    }

    private static Reference insurerByNumber(String insurerNumber) {
        return new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(JpCore.INSURER_NUMBER).setValue(insurerNumber));
    }

    private static Reference employer(CoverageEligibilityResponse response, Party employer) {
        if (employer == null) {
            return null;
        }
        Organization organization = new Organization();
        organization.setId("employer");
        organization.setName(employer.getName());
        if (employer.getAddress() != null) {
            organization.addAddress().setText(employer.getAddress());
        }
        response.addContained(organization);
        return new Reference("#employer");
    }

    /** When no person was answered, the request's own Patient (copied, as a contained resource can only be local). */
    private static Reference requestPatient(CoverageEligibilityRequest request, CoverageEligibilityResponse response) {
        Reference asked = request.getPatient();
        if (asked.hasReference() && asked.getReference().startsWith("#")) {
            String id = asked.getReference().substring(1);
            for (var resource : request.getContained()) {
                if (resource instanceof Patient patient && id.equals(patient.getIdElement().getIdPart())) {
                    Patient copy = patient.copy();
                    copy.setId("patient");
                    response.addContained(copy);
                    return new Reference("#patient");
                }
            }
        }
        return asked.copy();
    }

    /** JP Core Coverage of one person on the card. */
    private static Coverage coverage(String id, EligibilityQuery query, String branchNumber, Reference insurer,
                                     Reference beneficiary) {
        Coverage coverage = new Coverage();
        coverage.setId(id);
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.addExtension(JpCore.INSURED_PERSON_SYMBOL, new StringType(query.getSymbol()));
        coverage.addExtension(JpCore.INSURED_PERSON_NUMBER, new StringType(query.getNumber()));
        if (branchNumber != null) {
            coverage.addExtension(JpCore.INSURED_PERSON_SUB_NUMBER, new StringType(branchNumber));
            coverage.setDependent(branchNumber);
        }
        // 被保険者個人識別子: 保険者番号:記号:番号:枝番, an absent part as an empty string.
        coverage.addIdentifier().setSystem(JpCore.INSURANCE_MEMBER_ID).setValue(String.join(":",
                query.getInsurerNumber(), query.getSymbol(), query.getNumber(), branchNumber == null ? "" : branchNumber));
        coverage.setSubscriberId(query.getSymbol() + ":" + query.getNumber());
        coverage.setBeneficiary(beneficiary.copy());
        coverage.addPayor(insurer.copy());
        return coverage;
    }

    private static Patient patient(String id, Person person) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName(name(person.getName()));
        if (person.getNameKana() != null) {
            HumanName kana = name(person.getNameKana());
            kana.addExtension(KANA_REPRESENTATION, new CodeType("SYL"));
            patient.addName(kana);
        }
        patient.setGender(person.getSex() == Sex.FEMALE ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType(person.getBirthDate().toString()));
        return patient;
    }

    /** 姓 and 名 as written on the card, separated by a space (full-width or not). */
    private static HumanName name(String written) {
        HumanName name = new HumanName().setUse(HumanName.NameUse.OFFICIAL).setText(written);
        String[] parts = written.strip().split("[\\s\u3000]+", 2);
        name.setFamily(parts[0]);
        if (parts.length > 1) {
            name.addGiven(parts[1]);
        }
        return name;
    }

    /** The 続柄 in words, FHIR's subscriber-relationship code and JP's 被保険者区分 (1 被保険者, 2 被扶養者). */
    private static CodeableConcept relationship(Relationship relationship, Sex sex) {
        String code = switch (relationship) {
            case SELF -> "self";
            case SPOUSE -> "spouse";
            case ELDEST_SON, SECOND_SON, THIRD_SON, ELDEST_DAUGHTER, SECOND_DAUGHTER, THIRD_DAUGHTER -> "child";
            case FATHER, MOTHER -> "parent";
            case OTHER -> "other";
        };
        CodeableConcept concept = new CodeableConcept().setText(JapaneseFormat.relationship(relationship, sex));
        concept.addCoding().setSystem(JpCore.SUBSCRIBER_RELATIONSHIP).setCode(code);
        concept.addCoding().setSystem(JpCore.INSURED_PERSON_CATEGORY)
                .setCode(relationship == Relationship.SELF ? "1" : "2")
                .setDisplay(relationship == Relationship.SELF ? "被保険者" : "被扶養者");
        return concept;
    }

    private static CodeableConcept resultCode(String code, String text) {
        CodeableConcept concept = new CodeableConcept().setText(text);
        concept.addCoding().setSystem(JpCore.RESULT_CODE).setCode(code).setDisplay(text);
        return concept;
    }

    /**
     * The card's validity; a qualification lost before the card's end ends it the day before (資格喪失日 is the first
     * day without eligibility).
     */
    private static Period benefitPeriod(EligibilityAnswer answer) {
        if (answer.getValidFrom() == null) {
            return null;
        }
        Period period = new Period().setStartElement(dateTime(answer.getValidFrom()));
        LocalDate end = answer.getValidTo();
        if (answer.getQualificationLost() != null
                && (end == null || answer.getQualificationLost().minusDays(1).isBefore(end))) {
            end = answer.getQualificationLost().minusDays(1);
        }
        if (end != null) {
            period.setEndElement(dateTime(end));
        }
        return period;
    }

    /** The person the answer is about: the one the branch number named, else the insured person. */
    private static int subjectIndex(List<Person> people, Person subject) {
        if (subject != null && subject.getBranchNumber() != null) {
            for (int i = 0; i < people.size(); i++) {
                if (subject.getBranchNumber().equals(people.get(i).getBranchNumber())) {
                    return i;
                }
            }
        }
        return 0;
    }

    private static String patientId(int index) {
        return index == 0 ? "insured" : "dependent-" + index;
    }

    private static DateTimeType dateTime(LocalDate day) {
        return new DateTimeType(day.toString());
    }

    private static DateTimeType dateTime(OffsetDateTime moment) {
        return new DateTimeType(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment.truncatedTo(ChronoUnit.MILLIS)));
    }
}
