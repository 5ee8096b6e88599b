package jp.hokensho.portal.center;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.OffsetDateTime;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.account.InvalidRequestFault;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import org.apache.cxf.rt.security.SecurityConstants;

/**
 * One logged-in person's ports to the center, created at login and kept only in the server's memory for the
 * session (the UsernameToken needs the password on every call). Calls are serialised: a CXF proxy's request
 * context is not meant to be changed while another call of the same session uses it.
 */
public final class CenterSession {
    private final String userId;
    private final EligibilityPortType eligibility;
    private final AccountPortType account;

    CenterSession(String userId, EligibilityPortType eligibility, AccountPortType account) {
        this.userId = userId;
        this.eligibility = eligibility;
        this.account = account;
    }

    public String userId() {
        return userId;
    }

    /** Who the center takes this person for; the portal's login. */
    public synchronized Profile profile() {
        try {
            return account.getProfile();
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    public synchronized EligibilityAnswer verify(EligibilityQuery query) {
        try {
            return eligibility.verifyEligibility(query);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw new CenterRequestRefused(e.getFaultInfo().getCode(), e.getFaultInfo().getField(),
                    e.getFaultInfo().getMessage());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** 認証結果の閲覧: a page of the organisation's own records (only for a person with the result-viewing right). */
    public synchronized VerificationPage listVerifications(VerificationFilter filter) {
        try {
            return eligibility.listVerifications(filter);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw new CenterRequestRefused(e.getFaultInfo().getCode(), e.getFaultInfo().getField(),
                    e.getFaultInfo().getMessage());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** Changes the password at the center, then uses the new one for the rest of the session. */
    public synchronized OffsetDateTime changePassword(String oldPassword, String newPassword) {
        try {
            OffsetDateTime changedAt = account.changePassword(oldPassword, newPassword);
            ((BindingProvider) account).getRequestContext().put(SecurityConstants.PASSWORD, newPassword);
            ((BindingProvider) eligibility).getRequestContext().put(SecurityConstants.PASSWORD, newPassword);
            return changedAt;
        } catch (InvalidRequestFault e) {
            throw new CenterRequestRefused(e.getFaultInfo().getCode(), e.getFaultInfo().getField(),
                    e.getFaultInfo().getMessage());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /**
     * A SOAP fault from the center is its one generic security refusal (it never says which check failed);
     * anything else means the center could not be reached or answered nothing usable.
     */
    private static RuntimeException translate(WebServiceException e) {
        if (e instanceof SOAPFaultException) {
            return new CenterRefused(e);
        }
        return new CenterUnavailable(e);
    }
}
