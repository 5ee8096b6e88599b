package jp.hokensho.portal.center;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import jp.hokensho.contract.account.AccountPortType;
import jp.hokensho.contract.account.InvalidRequestFault;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchReception;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.RequestFault;
import org.apache.cxf.rt.security.SecurityConstants;

/**
 * One logged-in person's ports to the center, created at login and kept only in the server's memory for the
 * session (the UsernameToken needs the password on every call). Calls are serialised: a CXF proxy's request
 * context is not meant to be changed while another call of the same session uses it.
 */
public final class CenterSession {
    private final String userId;
    private final Supplier<EligibilityPortType> eligibilityPort;
    private final Supplier<AccountPortType> accountPort;
    private final Supplier<AdminPortType> adminPort;
    private EligibilityPortType eligibility;
    private AccountPortType account;
    private AdminPortType admin;

    /** The ports are made on first use (a port costs a few milliseconds; a FHIR request needs one of three). */
    CenterSession(String userId, Supplier<EligibilityPortType> eligibility, Supplier<AccountPortType> account,
                  Supplier<AdminPortType> admin) {
        this.userId = userId;
        this.eligibilityPort = eligibility;
        this.accountPort = account;
        this.adminPort = admin;
    }

    // Only called by the synchronized calls below.
    private EligibilityPortType eligibility() {
        if (eligibility == null) {
            eligibility = eligibilityPort.get();
        }
        return eligibility;
    }

    private AccountPortType account() {
        if (account == null) {
            account = accountPort.get();
        }
        return account;
    }

    private AdminPortType admin() {
        if (admin == null) {
            admin = adminPort.get();
        }
        return admin;
    }

    /** One call of the AdminService; its declared faults carry a {@link RequestFault}. */
    @FunctionalInterface
    public interface AdminCall<T> {
        T on(AdminPortType admin) throws Exception;
    }

    /**
     * Calls the AdminService as this person, serialised like every call of the session. A declared fault
     * (any generated fault of the AdminService: they all carry a {@link RequestFault}) becomes a
     * {@link CenterRequestRefused}; the generic security fault a {@link CenterRefused}.
     */
    public synchronized <T> T admin(AdminCall<T> call) {
        try {
            return call.on(admin());
        } catch (WebServiceException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            RequestFault fault = faultInfo(e);
            if (fault == null) {
                throw new IllegalStateException("unexpected exception from the AdminService", e);
            }
            throw refused(fault);
        }
    }

    /** The generated faults share no type but each has {@code getFaultInfo()}. */
    private static RequestFault faultInfo(Exception e) {
        try {
            Object info = e.getClass().getMethod("getFaultInfo").invoke(e);
            return info instanceof RequestFault fault ? fault : null;
        } catch (ReflectiveOperationException notAFault) {
            return null;
        }
    }

    public String userId() {
        return userId;
    }

    /** Who the center takes this person for; the portal's login. */
    public synchronized Profile profile() {
        try {
            return account().getProfile();
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    public EligibilityAnswer verify(EligibilityQuery query) {
        return verify(query, null, null);
    }

    /**
     * verifyEligibility with the contract's optional fields: a repeated {@code requestReference} gets the original
     * answer back (a retry after a crash); {@code onBehalfOf} names the operator a hospital system asks for.
     */
    public synchronized EligibilityAnswer verify(EligibilityQuery query, String requestReference, String onBehalfOf) {
        try {
            return eligibility().verifyEligibility(query, requestReference, onBehalfOf);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw new CenterRequestRefused(e.getFaultInfo().getCode(), e.getFaultInfo().getField(),
                    e.getFaultInfo().getMessage());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** 一括認証 of a few cards at once (verifyEligibilityBatch): each item's result, in input order. */
    public synchronized List<BatchItemResult> verifyBatch(List<BatchItem> items) {
        try {
            return eligibility().verifyEligibilityBatch(items);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw refused(e.getFaultInfo());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** 一括認証 of many cards (submitBatch): the center answers at once with a reception number. */
    public synchronized BatchReception submitBatch(List<BatchItem> items) {
        try {
            return eligibility().submitBatch(items);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw refused(e.getFaultInfo());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** A submitted batch's progress and its results from {@code offset} (at most {@code limit}, up to 1000). */
    public synchronized BatchProgress batchResult(String receptionNumber, int offset, int limit) {
        try {
            return eligibility().getBatchResult(receptionNumber, offset, limit);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw refused(e.getFaultInfo());
        } catch (NotFoundFault e) {
            throw refused(e.getFaultInfo());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    /** 認証結果の閲覧: a page of the organisation's own records (only for a person with the result-viewing right). */
    public synchronized VerificationPage listVerifications(VerificationFilter filter) {
        try {
            return eligibility().listVerifications(filter);
        } catch (jp.hokensho.contract.eligibility.InvalidRequestFault e) {
            throw refused(e.getFaultInfo());
        } catch (WebServiceException e) {
            throw translate(e);
        }
    }

    private static CenterRequestRefused refused(RequestFault fault) {
        return new CenterRequestRefused(fault.getCode(), fault.getField(), fault.getMessage());
    }

    /**
     * Changes the password at the center, then uses the new one for the rest of the session. All three ports are made
     * here if they were not yet: a port made later would carry the password the session was opened with.
     */
    public synchronized OffsetDateTime changePassword(String oldPassword, String newPassword) {
        try {
            OffsetDateTime changedAt = account().changePassword(oldPassword, newPassword);
            ((BindingProvider) account()).getRequestContext().put(SecurityConstants.PASSWORD, newPassword);
            ((BindingProvider) eligibility()).getRequestContext().put(SecurityConstants.PASSWORD, newPassword);
            ((BindingProvider) admin()).getRequestContext().put(SecurityConstants.PASSWORD, newPassword);
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
