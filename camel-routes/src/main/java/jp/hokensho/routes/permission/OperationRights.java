package jp.hokensho.routes.permission;

import static jp.hokensho.routes.port.Permission.CARD_DATA_ENTRY;
import static jp.hokensho.routes.port.Permission.CARD_DATA_STATUS;
import static jp.hokensho.routes.port.Permission.CHANGE_OWN_PASSWORD;
import static jp.hokensho.routes.port.Permission.INSURER_GENERAL_WORK;
import static jp.hokensho.routes.port.Permission.REGISTER_CARD_DATA;
import static jp.hokensho.routes.port.Permission.SERVICE_LOG_VIEWING;
import static jp.hokensho.routes.port.Permission.VERIFY_CARD;
import static jp.hokensho.routes.port.Permission.VIEW_VERIFICATION_RESULTS;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;

/**
 * Every operation and the rights that open it, in one place: the entry of each route asks here. An operation
 * listing several rights is open to a holder of any of them; what the caller then sees may depend on which
 * (see {@link #scope()}). Planned operations are documented, not served.
 */
public enum OperationRights {
    VERIFY_ELIGIBILITY("EligibilityService", "verifyEligibility", true, "any card; the answer is recorded with "
            + "the caller", VERIFY_CARD),
    GET_VERIFICATION("EligibilityService", "getVerification", true, "認証結果閲覧: records its own organisation "
            + "requested; insurer's 一般業務: records about its own cards (insurer number = its code); center's "
            + "service-log viewing: every record; anything else answers not found", VIEW_VERIFICATION_RESULTS,
            INSURER_GENERAL_WORK, SERVICE_LOG_VIEWING),
    CHANGE_PASSWORD("AccountService", "changePassword", true, "the caller's own password only",
            CHANGE_OWN_PASSWORD),
    // Planned (CardRegistryService, a later issue): documented so the card-data △ decisions have their operations.
    REGISTER_CARDS("CardRegistryService", "registerCards", false, "register or update the caller's own "
            + "insurer's cards, one or many", CARD_DATA_ENTRY),
    END_ELIGIBILITY("CardRegistryService", "endEligibility", false, "end the eligibility of the caller's own "
            + "insurer's cards", REGISTER_CARD_DATA),
    REPLACE_ALL_CARDS("CardRegistryService", "replaceAllCards", false, "replace everything the center holds for "
            + "the caller's own insurer", REGISTER_CARD_DATA),
    GET_CARD_HOLDINGS("CardRegistryService", "getCardHoldings", false, "counts and last update of what the "
            + "center holds for the caller's own insurer", CARD_DATA_STATUS);

    private final String service;
    private final String operationName;
    private final boolean served;
    private final String scope;
    private final List<Permission> anyOf;

    OperationRights(String service, String operationName, boolean served, String scope, Permission... anyOf) {
        this.service = service;
        this.operationName = operationName;
        this.served = served;
        this.scope = scope;
        this.anyOf = List.of(anyOf);
    }

    /** The operation by its WSDL name, among those served today. */
    public static Optional<OperationRights> served(String operationName) {
        return Arrays.stream(values()).filter(op -> op.served && op.operationName.equals(operationName)).findFirst();
    }

    public String service() {
        return service;
    }

    /** The operation's name in its WSDL. */
    public String operationName() {
        return operationName;
    }

    /** False for operations of a later issue: documented here, not yet in any contract. */
    public boolean served() {
        return served;
    }

    /** What a caller that is let in may see or touch. */
    public String scope() {
        return scope;
    }

    /** The rights of which the caller needs at least one. */
    public List<Permission> anyOf() {
        return anyOf;
    }

    public boolean allows(Caller caller) {
        return anyOf.stream().anyMatch(caller::may);
    }

    public boolean allows(Role role) {
        return anyOf.stream().anyMatch(role.permissions()::contains);
    }
}
