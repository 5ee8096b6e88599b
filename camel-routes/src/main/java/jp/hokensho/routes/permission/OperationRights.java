package jp.hokensho.routes.permission;

import static jp.hokensho.routes.port.Permission.CARD_DATA_ENTRY;
import static jp.hokensho.routes.port.Permission.CARD_DATA_STATUS;
import static jp.hokensho.routes.port.Permission.CHANGE_OWN_PASSWORD;
import static jp.hokensho.routes.port.Permission.INSTITUTION_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSTITUTION_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_GENERAL_WORK;
import static jp.hokensho.routes.port.Permission.INSURER_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_REGISTRATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_VIEWING;
import static jp.hokensho.routes.port.Permission.SERVICE_LOG_MANAGEMENT;
import static jp.hokensho.routes.port.Permission.SYSTEM_MONITORING;
import static jp.hokensho.routes.port.Permission.USER_REGISTRATION;
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
            + "the caller (and the operator it names in `onBehalfOf`); a `requestReference` its own organisation used "
            + "before answers with that earlier answer, whoever of the organisation asks", VERIFY_CARD),
    GET_VERIFICATION("EligibilityService", "getVerification", true, "認証結果閲覧: records its own organisation "
            + "requested; insurer's 一般業務: records about its own cards (insurer number = its code); center's "
            + "service-log viewing: every record; anything else answers not found", VIEW_VERIFICATION_RESULTS,
            INSURER_GENERAL_WORK, SERVICE_LOG_VIEWING),
    // 認証結果の閲覧: the same right as a clinic's getVerification, but only ever its own organisation's records.
    LIST_VERIFICATIONS("EligibilityService", "listVerifications", true, "認証結果閲覧: pages of the records its "
            + "own organisation requested, by period, result and card; never another organisation's",
            VIEW_VERIFICATION_RESULTS),
    // Bulk verification (一括認証): card verification, item by item; each item is recorded with the caller.
    VERIFY_ELIGIBILITY_BATCH("EligibilityService", "verifyEligibilityBatch", true, "any cards, up to "
            + "center.batch.sync-max-items per call; each answer is recorded with the caller", VERIFY_CARD),
    SUBMIT_BATCH("EligibilityService", "submitBatch", true, "any cards, verified in the background; each answer "
            + "is recorded with the caller", VERIFY_CARD),
    GET_BATCH_RESULT("EligibilityService", "getBatchResult", true, "batches its own organisation submitted; "
            + "another organisation's reception number answers not found", VERIFY_CARD),
    CHANGE_PASSWORD("AccountService", "changePassword", true, "the caller's own password only",
            CHANGE_OWN_PASSWORD),
    // Everyone who may change their password may ask who they are: a portal logs in with it, also when the
    // password must be changed first.
    GET_PROFILE("AccountService", "getProfile", true, "the caller's own user ID, organisation, role and rights",
            CHANGE_OWN_PASSWORD),
    // CardRegistryService: the insurer number in the request must be the caller's organisation code, else the
    // call is refused like a missing right (OTHER_INSURER), see jp.hokensho.routes.registry.RegistryAccess.
    REGISTER_CARDS("CardRegistryService", "registerCards", true, "register or update the caller's own "
            + "insurer's cards (insurer number = its code), up to 1000 per call", CARD_DATA_ENTRY),
    END_ELIGIBILITY("CardRegistryService", "endEligibility", true, "end the eligibility of one of the caller's "
            + "own insurer's cards", REGISTER_CARD_DATA),
    GET_REGISTRY_STATUS("CardRegistryService", "getRegistryStatus", true, "counts, last insurer update and last "
            + "reception of what the center holds for the caller's own insurer", CARD_DATA_STATUS),
    LIST_CARD_DIGESTS("CardRegistryService", "listCardDigests", true, "keys and digests of the caller's own "
            + "insurer's cards held by the center, page by page", CARD_DATA_STATUS),
    // Planned: documented so the bulk-replace part of the card-data decisions has its operation.
    REPLACE_ALL_CARDS("CardRegistryService", "replaceAllCards", false, "replace everything the center holds for "
            + "the caller's own insurer", REGISTER_CARD_DATA),

    // --- AdminService: organisations ---
    LIST_ORGANISATIONS("AdminService", "listOrganisations", true, "every registered insurer and medical "
            + "institution", ORGANISATION_VIEWING, USER_REGISTRATION),

    // --- AdminService: applications (an organisation's business manager applies, the center decides) ---
    SUBMIT_APPLICATION("AdminService", "submitApplication", true, "business managers: applications for their "
            + "own organisation only (its users with the user-application right, its change or end with the "
            + "organisation-application right); the operations manager: a new organisation's registration, entered "
            + "from its paper application", INSTITUTION_USER_APPLICATION, INSURER_USER_APPLICATION,
            INSTITUTION_APPLICATION, INSURER_APPLICATION, ORGANISATION_REGISTRATION),
    LIST_APPLICATIONS("AdminService", "listApplications", true, "applicants: their own organisation's "
            + "applications; the center: user applications with user registration, organisation applications with "
            + "organisation viewing", INSTITUTION_USER_APPLICATION, INSURER_USER_APPLICATION, INSTITUTION_APPLICATION,
            INSURER_APPLICATION, USER_REGISTRATION, ORGANISATION_VIEWING),
    DECIDE_APPLICATION("AdminService", "decideApplication", true, "approve or reject with a reason: user "
            + "applications with user registration, organisation applications with organisation registration; a "
            + "decided application is never decided again", USER_REGISTRATION, ORGANISATION_REGISTRATION),
    LIST_USERS("AdminService", "listUsers", true, "business managers: their own organisation's users; the "
            + "center's user registration: every user", INSTITUTION_USER_APPLICATION, INSURER_USER_APPLICATION,
            USER_REGISTRATION),

    // --- AdminService: keys and accounts ---
    ISSUE_KEY("AdminService", "issueKey", true, "a new key of any active organisation; the key file and its "
            + "one-time password are in the answer once, stored nowhere", USER_REGISTRATION),
    LIST_KEYS("AdminService", "listKeys", true, "keys of any organisation (or all), with expiry, state, "
            + "revocation and renewal links",
            USER_REGISTRATION),
    RENEW_KEY("AdminService", "renewKey", true, "a new key replacing an unexpired, unrevoked one; the old one "
            + "stays valid for center.keys.renewal-overlap-days (or less, if it expires sooner)", USER_REGISTRATION),
    REVOKE_KEY("AdminService", "revokeKey", true, "any key; refused from the very next request", USER_REGISTRATION),
    UNLOCK_USER("AdminService", "unlockUser", true, "any locked account", USER_REGISTRATION),

    // --- AdminService: access review (policy 2) ---
    GET_ACCESS_REVIEW("AdminService", "getAccessReview", true, "every user with organisation, role, last use, "
            + "key status and pending applications; dormant accounts flagged", USER_REGISTRATION),
    SIGN_OFF_ACCESS_REVIEW("AdminService", "signOffAccessReview", true, "records the reviewer's sign-off of one "
            + "organisation (who, when, comment) and re-enables the disabled people the reviewer names",
            USER_REGISTRATION),

    // --- AdminService: service logs and reports (policy 10, appendix 9) ---
    SEARCH_SERVICE_LOGS("AdminService", "searchServiceLogs", true, "verification records, access log and "
            + "unauthorised-access log of every organisation, by organisation, user, period, result and reason",
            SERVICE_LOG_VIEWING),
    TRACE_VERIFICATION("AdminService", "traceVerification", true, "one 認証番号: its record, the request's "
            + "access-log entries and the audit chain's check of it", SERVICE_LOG_VIEWING),
    EXPORT_SERVICE_LOGS("AdminService", "exportServiceLogs", true, "every row a search selects, as CSV (UTF-8 "
            + "with BOM), up to center.admin.logs.export-max-rows",
            SERVICE_LOG_MANAGEMENT),
    USAGE_REPORT("AdminService", "getUsageReport", true, "appendix 9's usage report per medical institution "
            + "and period (table, CSV, chart)", SERVICE_LOG_VIEWING, SYSTEM_MONITORING),
    MONTHLY_OPERATIONS_REPORT("AdminService", "getMonthlyOperationsReport", true, "a month's volumes by result "
            + "and source, refusals by reason, each real-time insurer's availability and the batches run",
            SERVICE_LOG_VIEWING, SYSTEM_MONITORING);

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
