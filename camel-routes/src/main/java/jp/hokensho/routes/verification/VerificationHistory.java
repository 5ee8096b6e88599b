package jp.hokensho.routes.verification;

import java.util.List;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RecordedVerification;
import org.apache.camel.Exchange;

/**
 * Answers getVerification: a past record by its number, only to the organisation that asked for it.
 * Another organisation's number answers "not found", exactly like a number that does not exist.
 */
public final class VerificationHistory {
    private final AuditTrail audit;

    public VerificationHistory(AuditTrail audit) {
        this.audit = audit;
    }

    public void find(Exchange exchange) throws NotFoundFault {
        Caller caller = exchange.getProperty(ExchangeKeys.CALLER, Caller.class);
        List<?> parameters = exchange.getIn().getBody(List.class);
        String number = parameters == null || parameters.isEmpty() ? null : (String) parameters.get(0);
        RecordedVerification recorded = number == null ? null : audit.find(number.strip())
                .filter(found -> found.requesterOrganisationCode().equals(caller.organisationCode()))
                .orElse(null);
        if (recorded == null) {
            RequestFault info = new RequestFault();
            info.setCode("VERIFICATION_NOT_FOUND");
            info.setField("verificationNumber");
            info.setMessage("no verification with this number for your organisation");
            throw new NotFoundFault("verificationNumber: not found", info);
        }
        exchange.getMessage().setBody(recorded.record());
    }
}
