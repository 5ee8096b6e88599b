package jp.hokensho.portal.fhir;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 個別認証 over FHIR: a CoverageEligibilityRequest in, the center's answer as a CoverageEligibilityResponse out.
 * Two doors to the same thing: {@code POST [base]/CoverageEligibilityRequest} (as openIMIS answers a submitted
 * request; nothing is stored, so it answers 200, not 201) and the operation
 * {@code POST [base]/CoverageEligibilityRequest/$submit} (the request as body, or as the {@code resource} parameter).
 * Card data is never logged.
 */
public final class EligibilityProvider implements IResourceProvider {
    private static final Logger LOG = LoggerFactory.getLogger(EligibilityProvider.class);
    /** The center's request fields (docs/fault-codes.md) as the elements a FHIR client sent them in. */
    private static final Map<String, String> FIELDS = Map.of(
            "insurerNumber", "CoverageEligibilityRequest.insurer.identifier.value",
            "symbol", "Coverage.extension:insuredPersonSymbol",
            "number", "Coverage.extension:insuredPersonNumber",
            "branchNumber", "Coverage.extension:insuredPersonSubNumber",
            "targetDate", "CoverageEligibilityRequest.servicedDate",
            "birthDate", "Patient.birthDate",
            "requestReference", "CoverageEligibilityRequest.identifier",
            "onBehalfOf", "CoverageEligibilityRequest.enterer.display");

    private final CenterConnector connector;
    private final FhirAuthentication authentication;
    private final RequestValidation validation;
    private final Clock clock;

    EligibilityProvider(CenterConnector connector, FhirAuthentication authentication, RequestValidation validation,
                        Clock clock) {
        this.connector = connector;
        this.authentication = authentication;
        this.validation = validation;
        this.clock = clock;
    }

    @Override
    public Class<CoverageEligibilityRequest> getResourceType() {
        return CoverageEligibilityRequest.class;
    }

    @Create
    public MethodOutcome submitted(@ResourceParam CoverageEligibilityRequest request, RequestDetails details) {
        MethodOutcome outcome = new MethodOutcome();
        outcome.setCreated(false);
        outcome.setResource(verify(request, details));
        return outcome;
    }

    @Operation(name = "$submit", idempotent = false)
    public CoverageEligibilityResponse submit(
            @OperationParam(name = "resource", min = 1, max = 1) CoverageEligibilityRequest request,
            RequestDetails details) {
        return verify(request, details);
    }

    private CoverageEligibilityResponse verify(CoverageEligibilityRequest request, RequestDetails details) {
        BasicCredentials credentials = FhirAuthentication.credentials(details);
        try {
            validation.check(request);
            EligibilityQuery query = EligibilityRequestReader.read(request);
            return ask(request, query, credentials, details);
        } catch (BaseServerResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("FHIR verification by {} failed unexpectedly", credentials.userId(), e);
            throw new InternalErrorException("The request could not be processed.");
        }
    }

    private CoverageEligibilityResponse ask(CoverageEligibilityRequest request, EligibilityQuery query,
                                            BasicCredentials credentials, RequestDetails details) {
        EligibilityAnswer answer;
        try {
            answer = connector.open(credentials.userId(), credentials.password()).verify(query,
                    RetryReference.of(request), RetryReference.operator(request));
        } catch (CenterRefused e) {
            authentication.refusedByCenter(details, credentials);
            LOG.warn("FHIR verification of {} from {} refused by the center", credentials.userId(),
                    FhirAuthentication.address(details));
            throw Outcomes.refused();
        } catch (CenterRequestRefused e) {
            authentication.acceptedByCenter(details, credentials);
            LOG.info("FHIR verification by {}: the center refused the query ({})", credentials.userId(), e.code());
            throw Outcomes.unprocessable(FIELDS.getOrDefault(e.field(), "CoverageEligibilityRequest"),
                    IssueType.INVALID, "the center refused the request (" + e.code() + ")");
        } catch (CenterUnavailable e) {
            LOG.warn("FHIR verification by {}: {}", credentials.userId(), e.getMessage());
            return EligibilityResponseWriter.centerUnavailable(request, query, OffsetDateTime.now(clock));
        }
        authentication.acceptedByCenter(details, credentials);
        LOG.info("FHIR verification {} by {}: {}", answer.getVerificationNumber(), credentials.userId(),
                answer.getResultCode());
        return EligibilityResponseWriter.answered(request, answer);
    }
}
