package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.CardDataBuilder.aCard;
import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.eligibility.NotFoundFault;
import jp.hokensho.contract.eligibility.VerificationFilter;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.account.AccountRoutes;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.permission.RepositoryDocs;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.PasswordChangePort;
import jp.hokensho.routes.port.InsurerEntry;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.registry.RegistryDouble;
import jp.hokensho.routes.registry.RegistryRoutes;
import jp.hokensho.routes.verification.VerificationSteps.VerificationPorts;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every role × every served operation through the real routes (SOAP entries replaced by direct endpoints,
 * ports by doubles), expected from the committed docs/permissions.md ("Operations by role"): allowed calls
 * are processed; refused ones get the generic security fault, a MISSING_PERMISSION entry, and touch nothing.
 * Then who sees which record through getVerification.
 */
class PermissionMatrixRoutesTest extends CamelTestSupport {
    private static final Instant NOW = Instant.parse("2026-03-31T20:00:00Z");
    private static final OffsetDateTime CHANGED_AT = OffsetDateTime.of(2026, 4, 1, 5, 0, 0, 0, ZoneOffset.UTC);
    private static final String CLINIC = "1310000001";
    private static final String OTHER_CLINIC = "1310000002";
    private static final String INSURER = "00000001";
    private static final String OTHER_INSURER = "33120015";
    private static final String NUMBER = "00000000000000000042";

    private final PortDoubles.Directory directory = new PortDoubles.Directory().with(Insurers.PRE_STORED);
    private final PortDoubles.Cards cards = new PortDoubles.Cards()
            .with(aCard().insurerNumber("33120015").symbol("大阪").number("4711").build(), CHANGED_AT);
    private final PortDoubles.Numbers numbers = new PortDoubles.Numbers();
    private final PortDoubles.Audit audit = new PortDoubles.Audit();
    private final PortDoubles.Refusals refusals = new PortDoubles.Refusals();
    private final List<String> passwordChanges = new ArrayList<>();
    // The insurer roles' organisation (00000001) as a pre-stored insurer, for the card registry's operations.
    private final PortDoubles.Directory registryDirectory = new PortDoubles.Directory().with(new InsurerEntry(INSURER,
            "〇〇〇健康保険組合", null, InsurerEntry.DeliveryMode.PRE_STORED, null, null, null));
    private final RegistryDouble registry = new RegistryDouble();
    private final PasswordChangePort passwords = (userId, oldPassword, newPassword) -> {
        passwordChanges.add(userId);
        return CHANGED_AT;
    };

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        VerificationSteps steps = new VerificationSteps(
                new VerificationPorts(directory, cards, numbers, audit, refusals), Clock.fixed(NOW, ZoneOffset.UTC));
        return new RoutesBuilder[] {new EligibilityRoutes(steps, new VerificationHistory(audit)),
                new AccountRoutes(refusals, passwords, userId -> false), new RegistryRoutes(refusals, registryDirectory, registry,
                        CardKeyHmac.fromBase64(CardKeyHmac.randomKey(), "test")),
                new BatchRoutes(steps, new BatchSteps(new QueryNormaliser(Clock.fixed(NOW, ZoneOffset.UTC)), batchJobs,
                        submitter -> jp.hokensho.routes.port.SubmitterCheck.Standing.invalid("UNKNOWN_KEY", "no worker"),
                        refusals, new BatchSteps.Limits(10, 10, 100, 10)),
                        new BatchRoutes.Settings(2, 1, 1, false, 1000, 60_000))};
    }

    @BeforeEach
    void replaceSoapEndpoints() throws Exception {
        AdviceWith.adviceWith(context, "eligibility-entry", a -> a.replaceFromWith("direct:eligibility"));
        AdviceWith.adviceWith(context, "account-entry", a -> a.replaceFromWith("direct:account"));
        AdviceWith.adviceWith(context, "registry-entry", a -> a.replaceFromWith("direct:registry"));
        registry.known.add(INSURER + "|大阪|100");
        AdviceWith.adviceWith(context, "insurer-query-call", a -> a.weaveByToUri("cxf:*").replace()
                .process(exchange -> {
                    throw new AssertionError("no real-time insurer in this test");
                }));
        context.start();
    }

    @TestFactory
    Stream<DynamicTest> everyRoleTimesEveryOperationAsDocumented() throws IOException {
        Map<String, Map<String, Boolean>> documented = documentedOperationsByRole();
        assertEquals(Arrays.stream(Role.values()).map(Role::code).toList(), List.copyOf(documented.keySet()),
                "every role is in the document");
        List<DynamicTest> tests = new ArrayList<>();
        for (Role role : Role.values()) {
            for (OperationRights operation : OperationRights.values()) {
                // The AdminService's areas each need their own stores: its matrix is checked end to end
                // (center's PermissionMatrixEndToEndTest), every role against the real center.
                if (!operation.served() || "AdminService".equals(operation.service())) {
                    continue;
                }
                Boolean allowed = documented.get(role.code()).get(operation.operationName());
                assertNotNull(allowed, operation.operationName() + " is documented");
                tests.add(DynamicTest.dynamicTest(role.code() + " × " + operation.operationName() + " → "
                        + (allowed ? "processed" : "refused"), () -> {
                            reset();
                            if (allowed) {
                                assertProcessed(role, operation);
                            } else {
                                assertRefused(role, operation);
                            }
                        }));
            }
        }
        return tests.stream();
    }

    @Test
    void clinicSeesItsOwnRecordsOnly() {
        audit.with(recorded("00000000000000000001", CLINIC, INSURER));
        audit.with(recorded("00000000000000000002", OTHER_CLINIC, INSURER));
        Caller manager = callerOf(Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER);

        assertFound(manager, "00000000000000000001");
        NotFoundFault other = notFound(manager, "00000000000000000002");
        NotFoundFault none = notFound(manager, "99999999999999999999");
        assertEquals(none.getMessage(), other.getMessage(), "another clinic's number looks like no number");
        assertEquals(none.getFaultInfo().getMessage(), other.getFaultInfo().getMessage());
        assertTrue(refusals.logged.isEmpty());
    }

    @Test
    void listVerificationsSearchesTheCallersOwnOrganisationWithThePeriodInJapanDates() {
        audit.with(recorded("00000000000000000001", CLINIC, INSURER));
        audit.with(recorded("00000000000000000002", OTHER_CLINIC, INSURER));
        VerificationFilter filter = new VerificationFilter();
        filter.setRequestedFrom(java.time.LocalDate.of(2026, 4, 1));
        filter.setRequestedTo(java.time.LocalDate.of(2026, 4, 1));
        filter.setSymbol("\uff21\uff22");
        filter.setLimit(1);

        Exchange reply = call("direct:eligibility", OperationRights.LIST_VERIFICATIONS,
                callerOf(Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER), List.of(filter));

        assertNull(reply.getException());
        jp.hokensho.routes.port.VerificationSearch search = audit.listed.get(0);
        assertEquals(CLINIC, search.organisationCode());
        assertEquals(Instant.parse("2026-03-31T15:00:00Z"), search.requestedFrom(), "1 April starts in Japan");
        assertEquals(Instant.parse("2026-04-01T15:00:00Z"), search.requestedBefore(), "the last day is included");
        assertEquals("AB", search.symbol(), "card values normalised like a query");
        VerificationPage page = reply.getMessage().getBody(VerificationPage.class);
        assertEquals(1, page.getTotal());
        assertFalse(page.isMore());
    }

    @Test
    void listVerificationsRefusesBadFiltersWithTheFieldNamed() {
        Caller manager = callerOf(Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER);
        VerificationFilter backwards = new VerificationFilter();
        backwards.setRequestedFrom(java.time.LocalDate.of(2026, 4, 2));
        backwards.setRequestedTo(java.time.LocalDate.of(2026, 4, 1));
        VerificationFilter tooLarge = new VerificationFilter();
        tooLarge.setLimit(VerificationFilterRules.MAX_PAGE + 1);
        VerificationFilter negative = new VerificationFilter();
        negative.setOffset(-1);
        VerificationFilter badInsurer = new VerificationFilter();
        badInsurer.setInsurerNumber("1234567");

        Map<String, VerificationFilter> cases = Map.of("requestedTo", backwards, "limit", tooLarge,
                "offset", negative, "insurerNumber", badInsurer);
        cases.forEach((field, filter) -> {
            InvalidRequestFault fault = failureOf(call("direct:eligibility", OperationRights.LIST_VERIFICATIONS,
                    manager, List.of(filter)), InvalidRequestFault.class);
            assertEquals("INVALID_FIELD", fault.getFaultInfo().getCode());
            assertEquals(field, fault.getFaultInfo().getField());
        });
        assertTrue(audit.listed.isEmpty(), "nothing searched with a bad filter");
        assertTrue(refusals.logged.isEmpty(), "bad input is not a security refusal");
    }

    @Test
    void insurerSeesTheRecordsAboutItsCardsWhoeverAsked() {
        audit.with(recorded("00000000000000000001", CLINIC, INSURER));
        audit.with(recorded("00000000000000000002", OTHER_CLINIC, INSURER));
        audit.with(recorded("00000000000000000003", CLINIC, OTHER_INSURER));

        for (Role role : List.of(Role.INSURER_BUSINESS_MANAGER, Role.INSURER_STAFF, Role.INSURER_OPERATIONS_MANAGER)) {
            Caller insurer = callerOf(role);
            assertFound(insurer, "00000000000000000001");
            assertFound(insurer, "00000000000000000002");
            notFound(insurer, "00000000000000000003");
        }
    }

    @Test
    void centerRolesWithServiceLogViewingSeeEveryRecord() {
        audit.with(recorded("00000000000000000001", CLINIC, INSURER));
        audit.with(recorded("00000000000000000002", OTHER_CLINIC, OTHER_INSURER));

        for (Role role : List.of(Role.CENTER_SYSTEM_ADMINISTRATOR, Role.CENTER_OPERATIONS_MANAGER,
                Role.CENTER_MEDIA_MANAGER)) {
            assertFound(callerOf(role), "00000000000000000001");
            assertFound(callerOf(role), "00000000000000000002");
        }
    }

    @Test
    void insurerCodeDoesNotOpenRecordsToAClinicRole() {
        // A clinic role in an organisation whose code equals the record's insurer number still sees only what
        // its organisation asked: the insurer scope comes from the insurer's right, not from the code.
        audit.with(recorded("00000000000000000001", CLINIC, INSURER));
        Caller odd = new Caller("odd", INSURER, "odd", Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER.code(),
                Role.MEDICAL_INSTITUTION_BUSINESS_MANAGER.permissions());
        notFound(odd, "00000000000000000001");
    }

    private void assertProcessed(Role role, OperationRights operation) {
        Caller caller = callerOf(role);
        Exchange reply = switch (operation) {
            case VERIFY_ELIGIBILITY -> call("direct:eligibility", operation, caller,
                    List.of(aQuery().insurerNumber("33120015").symbol("大阪").number("4711").build()));
            case GET_VERIFICATION -> {
                audit.with(recorded(NUMBER, CLINIC, INSURER));
                yield call("direct:eligibility", operation, caller, List.of(NUMBER));
            }
            case LIST_VERIFICATIONS -> {
                audit.with(recorded(NUMBER, caller.organisationCode(), INSURER));
                audit.with(recorded("00000000000000000043", "elsewhere", INSURER));
                yield call("direct:eligibility", operation, caller, List.of(new VerificationFilter()));
            }
            case CHANGE_PASSWORD -> call("direct:account", operation, caller, List.of("old-Passw0rd!", "new-Passw0rd!"));
            case GET_PROFILE -> call("direct:account", operation, caller, List.of());
            case REGISTER_CARDS, END_ELIGIBILITY, GET_REGISTRY_STATUS, LIST_CARD_DIGESTS ->
                    call("direct:registry", operation, caller, registryParameters(operation));
            case VERIFY_ELIGIBILITY_BATCH, SUBMIT_BATCH -> call("direct:eligibility", operation, caller,
                    List.of(List.of(batchItem())));
            case GET_BATCH_RESULT -> call("direct:eligibility", operation, caller,
                    java.util.Arrays.asList("00000000000000000077", null, null));
            default -> throw new AssertionError("not served: " + operation);
        };
        assertNull(reply.getException(), () -> role.code() + " was refused " + operation + ": " + reply.getException());
        assertTrue(refusals.logged.isEmpty(), refusals.logged::toString);
        switch (operation) {
            case VERIFY_ELIGIBILITY -> {
                assertEquals(ResultCode.VALID, assertInstanceOf(EligibilityAnswer.class,
                        reply.getMessage().getBody()).getResultCode());
                assertSame(caller, audit.appended.get(0).caller());
            }
            case GET_VERIFICATION -> assertEquals(NUMBER, reply.getMessage().getBody(VerificationRecord.class)
                    .getVerificationNumber());
            case LIST_VERIFICATIONS -> assertEquals(List.of(NUMBER), reply.getMessage()
                    .getBody(VerificationPage.class).getRecord().stream()
                    .map(VerificationRecord::getVerificationNumber).toList(), "its own organisation's record only");
            case CHANGE_PASSWORD -> {
                assertEquals(List.of(caller.userId()), passwordChanges);
                assertEquals(CHANGED_AT, reply.getMessage().getBody(OffsetDateTime.class));
            }
            case GET_PROFILE -> assertEquals(caller.userId(),
                    reply.getMessage().getBody(jp.hokensho.contract.account.Profile.class).getUserId());
            case REGISTER_CARDS, END_ELIGIBILITY, GET_REGISTRY_STATUS, LIST_CARD_DIGESTS -> {
                assertEquals(1, registry.calls.size(), registry.calls::toString);
                assertTrue(registry.calls.get(0).startsWith(operation.operationName() + "|" + INSURER), registry.calls::toString);
            }
            case VERIFY_ELIGIBILITY_BATCH -> assertSame(caller, audit.appended.get(0).caller());
            case SUBMIT_BATCH, GET_BATCH_RESULT -> assertEquals(List.of(operation.operationName() + "|"
                    + caller.organisationCode()), batchJobs.calls);
            default -> throw new AssertionError(operation);
        }
    }

    private void assertRefused(Role role, OperationRights operation) {
        Caller caller = callerOf(role);
        boolean registryOperation = "CardRegistryService".equals(operation.service());
        Object parameters = operation == OperationRights.CHANGE_PASSWORD ? List.of("old-Passw0rd!", "new-Passw0rd!")
                : operation == OperationRights.GET_PROFILE ? List.of()
                : operation == OperationRights.GET_VERIFICATION ? List.of(NUMBER)
                : operation == OperationRights.LIST_VERIFICATIONS ? List.of(new VerificationFilter())
                : registryOperation ? registryParameters(operation) : List.of(aQuery().build());
        String entry = "AccountService".equals(operation.service()) ? "direct:account"
                : registryOperation ? "direct:registry" : "direct:eligibility";
        audit.with(recorded(NUMBER, CLINIC, INSURER));

        Exchange reply = call(entry, operation, caller, parameters);

        SoapFault fault = failureOf(reply, SoapFault.class);
        assertTrue(SecurityFaults.isGeneric(fault), "one generic security fault: " + fault);
        assertEquals(1, refusals.logged.size(), refusals.logged::toString);
        PortDoubles.Refusal refusal = refusals.logged.get(0);
        assertEquals("MISSING_PERMISSION", refusal.reasonCode());
        assertEquals(operation.operationName(), refusal.operation());
        assertEquals(caller.userId(), refusal.userId());
        assertEquals(caller.organisationCode(), refusal.organisationCode());
        assertTrue(refusal.detail().startsWith("role " + role.code() + " lacks "), refusal.detail());
        assertTrue(numbers.issued.isEmpty(), "no number issued");
        assertTrue(audit.appended.isEmpty(), "nothing recorded");
        assertTrue(audit.searched.isEmpty(), "no record looked up");
        assertTrue(passwordChanges.isEmpty(), "no password changed");
        assertTrue(registry.calls.isEmpty(), "no card touched or read");
        assertFalse(reply.getMessage().getBody() instanceof EligibilityAnswer);
    }

    private void assertFound(Caller caller, String number) {
        Exchange reply = call("direct:eligibility", OperationRights.GET_VERIFICATION, caller, List.of(number));
        assertNull(reply.getException(), () -> caller.role() + " does not see " + number + ": " + reply.getException());
        assertEquals(number, reply.getMessage().getBody(VerificationRecord.class).getVerificationNumber());
    }

    private NotFoundFault notFound(Caller caller, String number) {
        NotFoundFault fault = failureOf(call("direct:eligibility", OperationRights.GET_VERIFICATION, caller,
                List.of(number)), NotFoundFault.class);
        assertEquals("VERIFICATION_NOT_FOUND", fault.getFaultInfo().getCode());
        return fault;
    }

    private static jp.hokensho.contract.eligibility.BatchItem batchItem() {
        jp.hokensho.contract.eligibility.BatchItem item = new jp.hokensho.contract.eligibility.BatchItem();
        item.setInsurerNumber("33120015");
        item.setSymbol("大阪");
        item.setNumber("4711");
        return item;
    }

    /** The asynchronous batch store: records who submitted or asked; every job is found. */
    private final BatchJobsDouble batchJobs = new BatchJobsDouble();

    static final class BatchJobsDouble implements jp.hokensho.routes.port.BatchJobStore {
        final List<String> calls = new ArrayList<>();

        @Override
        public jp.hokensho.contract.eligibility.BatchReception submit(Caller caller, String keySerial,
                List<jp.hokensho.contract.eligibility.BatchItem> items) {
            calls.add("submitBatch|" + caller.organisationCode());
            return new jp.hokensho.contract.eligibility.BatchReception();
        }

        @Override
        public java.util.Optional<jp.hokensho.contract.eligibility.BatchProgress> progress(String receptionNumber,
                String organisationCode, int offset, int limit) {
            calls.add("getBatchResult|" + organisationCode);
            return java.util.Optional.of(new jp.hokensho.contract.eligibility.BatchProgress());
        }

        @Override
        public List<ClaimedItem> claim(int max) {
            return List.of();
        }

        @Override
        public List<ClaimedItem> claimRange(String receptionNumber, int from, int to) {
            return List.of();
        }

        @Override
        public void expectAnswer(ClaimedItem item, String verificationNumber) {
        }

        @Override
        public List<ClaimedItem> recordAnswers(List<ClaimedItem> items) {
            return List.of();
        }

        @Override
        public void recordProblem(ClaimedItem item, jp.hokensho.contract.types.RequestFault problem) {
        }

        @Override
        public void release(ClaimedItem item) {
        }

        @Override
        public boolean stopForInvalidCredentials(ClaimedItem item) {
            return false;
        }

        @Override
        public void updateProgress() {
        }

        @Override
        public int purgeExpired() {
            return 0;
        }
    }

    private Exchange call(String entry, OperationRights operation, Caller caller, Object parameters) {
        return template.request(entry, exchange -> {
            MessageImpl cxfMessage = new MessageImpl();
            cxfMessage.put(Caller.class, caller);
            cxfMessage.put(Caller.SIGNING_KEY_SERIAL, java.math.BigInteger.TEN);
            exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxfMessage);
            exchange.getIn().setHeader(CxfConstants.OPERATION_NAME, operation.operationName());
            exchange.getIn().setBody(parameters);
        });
    }

    /** A person of the role, in an organisation of the role's table (the insurer's code is its insurer number). */
    private static Caller callerOf(Role role) {
        String organisation = switch (role.table()) {
            case INSURER -> INSURER;
            case MEDICAL_INSTITUTION -> CLINIC;
            case CENTER -> "CENTER";
        };
        return new Caller(role.name().toLowerCase(), organisation, "org " + organisation, role.code(),
                role.permissions());
    }

    private void reset() {
        numbers.issued.clear();
        audit.appended.clear();
        audit.recorded.clear();
        audit.searched.clear();
        audit.listed.clear();
        refusals.logged.clear();
        passwordChanges.clear();
        registry.calls.clear();
        batchJobs.calls.clear();
    }

    /** The unwrapped request of a card registry operation, for the insurer roles' own insurer. */
    private static List<Object> registryParameters(OperationRights operation) {
        return switch (operation) {
            case REGISTER_CARDS -> List.of(INSURER, List.<CardData>of(aCard().build()));
            case END_ELIGIBILITY -> List.of(INSURER, "大阪", "100", java.time.LocalDate.of(2026, 4, 1), CHANGED_AT);
            case GET_REGISTRY_STATUS -> List.of(INSURER);
            case LIST_CARD_DIGESTS -> java.util.Arrays.asList(INSURER, null, null, 100);
            default -> throw new AssertionError(operation);
        };
    }

    /** The "Operations by role" table of docs/permissions.md: role code → operation → ○. */
    static Map<String, Map<String, Boolean>> documentedOperationsByRole() throws IOException {
        List<String> lines = Files.readAllLines(RepositoryDocs.permissionsDocument(), StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Operations by role");
        assertTrue(heading >= 0, "docs/permissions.md has no 'Operations by role' table");
        List<String> header = cellsOf(lines.get(heading + 2));
        Map<String, Map<String, Boolean>> matrix = new LinkedHashMap<>();
        for (int i = heading + 4; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cellsOf(lines.get(i));
            Map<String, Boolean> row = new LinkedHashMap<>();
            for (int column = 1; column < cells.size(); column++) {
                row.put(header.get(column), "○".equals(cells.get(column)));
            }
            matrix.put(cells.get(0).replace("`", ""), row);
        }
        return matrix;
    }

    private static List<String> cellsOf(String line) {
        String inner = line.substring(1, line.length() - 1);
        return Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }

    private static <T extends Throwable> T failureOf(Exchange reply, Class<T> type) {
        Throwable failure = reply.getException();
        assertNotNull(failure, "the request was not refused");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("expected " + type.getSimpleName() + " but failed with " + failure, failure);
    }

    private static RecordedVerification recorded(String number, String requester, String insurerNumber) {
        VerificationRecord record = new VerificationRecord();
        record.setVerificationNumber(number);
        record.setRequestedAt(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        record.setRequesterUserId("someone");
        record.setRequesterOrganisation(requester);
        record.setQuery(aQuery().insurerNumber(insurerNumber).build());
        record.setResultCode(ResultCode.VALID);
        record.setAnswerDigest("0".repeat(64));
        return new RecordedVerification(record, requester, insurerNumber);
    }
}
