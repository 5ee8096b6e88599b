package jp.hokensho.portal.fhir;

import static jp.hokensho.portal.fhir.Outcomes.unprocessable;

import java.time.LocalDate;
import java.util.Optional;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.portal.verify.VerificationForm;
import jp.hokensho.portal.web.FormValues;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest.InsuranceComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The center's query from a CoverageEligibilityRequest (already valid FHIR R4): 保険者番号 from the insurer, 記号,
 * 番号 and 枝番 from the contained Coverage's JP Core extensions, the target date from servicedDate and the extra
 * identity check from the contained Patient's birthDate. Whatever is missing or malformed is a 422 naming the
 * element; nothing is sent to the center then.
 */
final class EligibilityRequestReader {
    private EligibilityRequestReader() {
    }

    static EligibilityQuery read(CoverageEligibilityRequest request) {
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber(insurerNumber(request));
        Coverage coverage = coverage(request);
        query.setSymbol(text(coverage, JpCore.INSURED_PERSON_SYMBOL, "insuredPersonSymbol", "記号"));
        query.setNumber(text(coverage, JpCore.INSURED_PERSON_NUMBER, "insuredPersonNumber", "番号"));
        query.setBranchNumber(branchNumber(coverage));
        if (request.hasServicedPeriod()) {
            throw unprocessable("CoverageEligibilityRequest.servicedPeriod", IssueType.NOTSUPPORTED,
                    "give the target date (対象年月日) as servicedDate");
        }
        if (request.hasServicedDateType()) {
            query.setTargetDate(day(request.getServicedDateType().getValueAsString(),
                    "CoverageEligibilityRequest.servicedDate", "対象年月日"));
        }
        patient(request).filter(Patient::hasBirthDate).ifPresent(patient -> query.setBirthDate(
                day(patient.getBirthDateElement().getValueAsString(), "Patient.birthDate", "生年月日")));
        return query;
    }

    /** 保険者番号: the insurer's identifier (a logical reference), or that of the contained Organization it points to. */
    private static String insurerNumber(CoverageEligibilityRequest request) {
        Reference insurer = request.getInsurer();
        Identifier identifier = null;
        String path = "CoverageEligibilityRequest.insurer.identifier";
        if (insurer.hasReference()) {
            Organization organization = contained(request, insurer.getReference(), Organization.class)
                    .orElseThrow(() -> unprocessable("CoverageEligibilityRequest.insurer", IssueType.NOTFOUND,
                            "the insurer must be a contained Organization (#id) or an identifier"));
            path = "CoverageEligibilityRequest.contained.Organization.identifier";
            identifier = organization.getIdentifier().stream()
                    .filter(id -> JpCore.INSURER_NUMBER_SYSTEMS.contains(id.getSystem())).findFirst().orElse(null);
        } else if (insurer.hasIdentifier() && JpCore.INSURER_NUMBER_SYSTEMS.contains(insurer.getIdentifier().getSystem())) {
            identifier = insurer.getIdentifier();
        }
        if (identifier == null || !identifier.hasValue()) {
            throw unprocessable(path, IssueType.REQUIRED, "the 保険者番号 is an identifier with system "
                    + JpCore.INSURER_NUMBER);
        }
        String number = FormValues.halfWidth(identifier.getValue().strip());
        if (!number.matches("\\d{6}|\\d{8}")) {
            throw unprocessable(path + ".value", IssueType.VALUE, "保険者番号 is 6 or 8 digits");
        }
        return number;
    }

    private static Coverage coverage(CoverageEligibilityRequest request) {
        for (InsuranceComponent insurance : request.getInsurance()) {
            if (insurance.getCoverage().hasReference()) {
                return contained(request, insurance.getCoverage().getReference(), Coverage.class)
                        .orElseThrow(() -> unprocessable("CoverageEligibilityRequest.insurance.coverage",
                                IssueType.NOTFOUND, "the coverage must be a contained Coverage (#id)"));
            }
        }
        throw unprocessable("CoverageEligibilityRequest.insurance.coverage", IssueType.REQUIRED,
                "the card to verify is a contained Coverage referenced from insurance.coverage");
    }

    private static String text(Coverage coverage, String url, String slice, String label) {
        Extension extension = coverage.getExtensionByUrl(url);
        String path = "Coverage.extension:" + slice;
        if (extension == null || !extension.hasValue() || extension.getValue().primitiveValue() == null
                || extension.getValue().primitiveValue().isBlank()) {
            throw unprocessable(path, IssueType.REQUIRED, label + " is required (extension " + url + ")");
        }
        String value = extension.getValue().primitiveValue().strip();
        if (value.length() > VerificationForm.MAX_SYMBOL_NUMBER_LENGTH) {
            throw unprocessable(path, IssueType.VALUE, label + " has at most "
                    + VerificationForm.MAX_SYMBOL_NUMBER_LENGTH + " characters");
        }
        return value;
    }

    /** 枝番 from its extension, else from Coverage.dependent (JP Core puts it in both); optional. */
    private static String branchNumber(Coverage coverage) {
        Extension extension = coverage.getExtensionByUrl(JpCore.INSURED_PERSON_SUB_NUMBER);
        String path = "Coverage.extension:insuredPersonSubNumber";
        String value = extension != null && extension.hasValue() ? extension.getValue().primitiveValue() : null;
        if (value == null && coverage.hasDependent()) {
            value = coverage.getDependent();
            path = "Coverage.dependent";
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        String branch = FormValues.halfWidth(value.strip());
        if (!branch.matches("\\d{2}")) {
            throw unprocessable(path, IssueType.VALUE, "枝番 is 2 digits");
        }
        return branch;
    }

    private static Optional<Patient> patient(CoverageEligibilityRequest request) {
        Reference patient = request.getPatient();
        if (!patient.hasReference() || !patient.getReference().startsWith("#")) {
            return Optional.empty();
        }
        return Optional.of(contained(request, patient.getReference(), Patient.class)
                .orElseThrow(() -> unprocessable("CoverageEligibilityRequest.patient", IssueType.NOTFOUND,
                        "no contained Patient " + patient.getReference())));
    }

    private static <T extends Resource> Optional<T> contained(CoverageEligibilityRequest request, String reference,
                                                              Class<T> type) {
        if (reference == null || !reference.startsWith("#")) {
            return Optional.empty();
        }
        String id = reference.substring(1);
        return request.getContained().stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> id.equals(resource.getIdElement().getIdPart())).findFirst();
    }

    /** The day as written (a FHIR date has no zone), which must be a whole day, not a month or a year. */
    private static LocalDate day(String value, String path, String label) {
        if (value == null || value.length() != "yyyy-mm-dd".length()) {
            throw unprocessable(path, IssueType.VALUE, label + " must be a full date (yyyy-mm-dd)");
        }
        return LocalDate.parse(value);
    }
}
