package jp.hokensho.portal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates requests against the R4 base definitions shipped with HAPI (no network). JP Core's definitions cannot
 * be fetched here, so unknown extensions are accepted (the endpoint checks its JP Core extensions itself), and an
 * unknown code system is a warning. Errors become a 422 whose OperationOutcome names each element.
 */
final class RequestValidation {
    private static final Logger LOG = LoggerFactory.getLogger(RequestValidation.class);
    private final FhirContext context;
    private final FhirValidator validator;

    RequestValidation(FhirContext context) {
        this.context = context;
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(
                context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownCodeSystems);
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        instanceValidator.setAnyExtensionsAllowed(true);
        this.validator = context.newValidator().registerValidatorModule(instanceValidator);
    }

    /** Refuses a resource with any error, naming each element concerned (and logging only where, never values). */
    void check(IBaseResource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(message -> message.getSeverity() == ResultSeverityEnum.ERROR
                        || message.getSeverity() == ResultSeverityEnum.FATAL).toList();
        if (!errors.isEmpty()) {
            LOG.info("FHIR request refused as invalid: {} error(s) at {}", errors.size(),
                    errors.stream().map(SingleValidationMessage::getLocationString).distinct().toList());
            throw new UnprocessableEntityException(context, result.toOperationOutcome());
        }
    }
}
