package jp.hokensho.routes.verification;

import java.util.List;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.routes.port.AuditTrail;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.port.VerificationListing;
import jp.hokensho.routes.port.VerificationSearch;
import org.apache.camel.Exchange;

/**
 * Answers getVerification: a past record by its number, to those who may see it (OperationRights
 * GET_VERIFICATION). A record the caller may not see answers "not found", exactly like a number that does
 * not exist, so nobody learns that a number is used elsewhere. Answers listVerifications too: a page of the
 * caller organisation's own records, never another's, whatever other rights the caller holds.
 */
public final class VerificationHistory {
    private final AuditTrail audit;

    public VerificationHistory(AuditTrail audit) {
        this.audit = audit;
    }

    public void find(Exchange exchange) throws NotFoundFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        List<?> parameters = exchange.getIn().getBody(List.class);
        String number = parameters == null || parameters.isEmpty() ? null : (String) parameters.get(0);
        RecordedVerification recorded = number == null ? null : audit.find(number.strip())
                .filter(found -> visibleTo(caller, found))
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

    public void list(Exchange exchange) throws InvalidRequestFault {
        Caller caller = Authoriser.authorisedCaller(exchange);
        List<?> parameters = exchange.getIn().getBody(List.class);
        VerificationFilter filter = parameters == null || parameters.isEmpty() ? null
                : (VerificationFilter) parameters.get(0);
        VerificationSearch search = VerificationFilterRules.searchOf(filter, caller.organisationCode());
        VerificationListing listing = audit.list(search);
        VerificationPage page = new VerificationPage();
        page.setTotal(listing.total());
        page.setOffset(search.offset());
        page.setMore(search.offset() + listing.records().size() < listing.total());
        page.getRecord().addAll(listing.records());
        exchange.getMessage().setBody(page);
    }

    /**
     * A medical institution sees what its own organisation asked; an insurer (its code is its insurer number)
     * sees the records about its cards, to stand behind an answer when a clinic asks (6-2 ⑦); the center's
     * roles with service-log viewing see every record (policy 10, traceability 6-4 ④).
     */
    static boolean visibleTo(Caller caller, RecordedVerification recorded) {
        String organisation = caller.organisationCode();
        return caller.may(Permission.SERVICE_LOG_VIEWING)
                || caller.may(Permission.VIEW_VERIFICATION_RESULTS)
                        && organisation.equals(recorded.requesterOrganisationCode())
                || caller.may(Permission.INSURER_GENERAL_WORK) && organisation.equals(recorded.insurerNumber());
    }
}
