package jp.hokensho.portal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates requests against the R4 base definitions shipped with HAPI (no network). JP Core's definitions cannot
 * be fetched here, so unknown extensions are accepted (the endpoint checks its JP Core extensions itself), and an
 * unknown code system is a warning. Errors become a 422 whose OperationOutcome names each element.
 */
final class RequestValidation {
    private static final Logger LOG = LoggerFactory.getLogger(RequestValidation.class);
    private static final Duration WARM_UP_WAIT = Duration.ofMinutes(2);
    private final CountDownLatch ready = new CountDownLatch(1);
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

    /**
     * The validator loads the R4 definitions on first use (seconds): done in the background at start, and requests
     * arriving meanwhile wait for it rather than load them a second time.
     */
    void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                validator.validateWithResult(new CoverageEligibilityRequest());
                LOG.info("FHIR validator ready");
            } catch (RuntimeException e) {
                LOG.warn("FHIR validator warm-up failed; the first request will load the definitions", e);
            } finally {
                ready.countDown();
            }
        }, "fhir-validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Refuses a resource with any error, naming each element concerned (and logging only where, never values). */
    void check(IBaseResource resource) {
        try {
            if (!ready.await(WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("FHIR validator still loading after {}; validating anyway", WARM_UP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the validator was loading", e);
        }
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
