package jp.hokensho.portal.fhir;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The OperationOutcomes this endpoint answers with instead of a CoverageEligibilityResponse. */
final class Outcomes {
    /** Like the center's generic security fault: the same words for every refusal, whatever the reason. */
    static final String REFUSED = "The request was refused.";
    static final String REALM = "hokensho-portal-fhir";

    private Outcomes() {
    }

    /** 422: the resource is well-formed FHIR but cannot be asked of the center; names the element concerned. */
    static UnprocessableEntityException unprocessable(String expression, IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(expression + ": " + message)
                .addExpression(expression);
        return new UnprocessableEntityException(expression + ": " + message, outcome);
    }

    /** 401 with one fixed OperationOutcome for every security refusal, and the Basic challenge. */
    static AuthenticationException refused() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.SECURITY).setDiagnostics(REFUSED);
        AuthenticationException refused = new AuthenticationException(REFUSED);
        refused.setOperationOutcome(outcome);
        refused.addAuthenticateHeaderForRealm(REALM);
        return refused;
    }
}
