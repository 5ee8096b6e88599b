package jp.hokensho.routes.registry;

import java.util.List;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.Authoriser;
import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.camel.Exchange;

/**
 * The entry check of every CardRegistryService operation: the caller holds the operation's right, the request's
 * insurer number is the caller's own organisation (an insurer's code is its insurer number) and that insurer is a
 * pre-stored one. Another insurer's number is refused exactly like a missing right: the generic security fault,
 * logged as {@value #OTHER_INSURER}.
 */
final class RegistryAccess {
    static final String OTHER_INSURER = "OTHER_INSURER";

    private final Authoriser authoriser;
    private final RefusalLog refusals;
    private final InsurerDirectory insurers;

    RegistryAccess(RefusalLog refusals, InsurerDirectory insurers) {
        this.authoriser = new Authoriser(refusals);
        this.refusals = refusals;
        this.insurers = insurers;
    }

    /** @return the request's insurer number, normalised, once the caller may act for it */
    String admit(Exchange exchange, OperationRights operation) throws InvalidRequestFault {
        Caller caller = authoriser.authorise(exchange, operation);
        Object typed = parameter(exchange, 0);
        String insurer = CardKeys.normalise(typed == null ? null : typed.toString());
        if (insurer == null || !insurer.equals(caller.organisationCode())) {
            refusals.refused(OTHER_INSURER, caller.userId(), caller.organisationCode(), operation.operationName(),
                    "insurer number " + insurer + " is not the caller's organisation");
            throw SecurityFaults.generic();
        }
        boolean preStored = insurers.find(insurer).map(entry -> entry.mode() == DeliveryMode.PRE_STORED)
                .orElse(false);
        if (!preStored) {
            throw RegistryFaults.invalid("NOT_PRE_STORED", "insurerNumber",
                    "insurer " + insurer + " is not registered at the center as a pre-stored insurer");
        }
        return insurer;
    }

    /** The operation's unwrapped parameter at {@code index} (document/literal wrapped: one per request element). */
    static Object parameter(Exchange exchange, int index) {
        List<?> parameters = exchange.getIn().getBody(List.class);
        return parameters == null || parameters.size() <= index ? null : parameters.get(index);
    }
}
