package jp.hokensho.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.hokensho.center.demo.DemoSeed;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The portal's FHIR R4 endpoint against the real center, insurer adapter and portal (one stack for the class), over
 * real WS-Security with the demo clinic's key: the documented example (the seed screen case) field by field, every
 * result code, JSON and XML, bad resources, refusals and the CapabilityStatement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FhirEligibilityTest {
    private static final String JSON = "application/fhir+json";
    private static final String XML = "application/fhir+xml";
    private static final String SCREEN_DATE = "2005-07-08";
    private static final String JP = "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_";
    private static final String INSURER_NUMBER = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/InsurerNumber";
    private static final String RESULT_CODE = "http://hokensho.jp/fhir/CodeSystem/eligibility-result";
    private static final Path DOC = Path.of("..", "docs", "integration.md");

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private PortalStack stack;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
        stack = PortalStack.start(dir);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void forgetEarlierFailures() {
        stack.portalClock.advance(Duration.ofMinutes(5));
    }

    @Test
    void theDocumentedExampleIsTheSeedScreenCaseWithEveryField() throws Exception {
        HttpResponse<String> reply = post("/CoverageEligibilityRequest", documented("fhir-request"), JSON, JSON,
                DemoSeed.CLINIC_STAFF, stack.staffPassword());

        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith(JSON));
        assertEquals("no-store", reply.headers().firstValue("Cache-Control").orElse(""));
        CoverageEligibilityResponse response = parse(reply.body(), CoverageEligibilityResponse.class);
        assertSeedScreenCase(response);
        assertNoValidationErrors(response);

        // The documented response is this one, but for the verification number and the time of the answer.
        String actual = fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(response);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fhir-example-response.json"), actual, StandardCharsets.UTF_8);
        assertEquals(masked(documented("fhir-response")), masked(actual),
                "docs/integration.md's example response is what the endpoint says (target/fhir-example-response.json)");
    }

    @Test
    void theSubmitOperationInXmlAnswersTheSame() throws Exception {
        CoverageEligibilityRequest request = fhir.newJsonParser().parseResource(CoverageEligibilityRequest.class,
                documented("fhir-request"));
        HttpResponse<String> reply = post("/CoverageEligibilityRequest/$submit",
                fhir.newXmlParser().encodeResourceToString(request), XML, XML, DemoSeed.CLINIC_STAFF,
                stack.staffPassword());

        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith(XML));
        assertTrue(reply.body().startsWith("<CoverageEligibilityResponse xmlns=\"http://hl7.org/fhir\""));
        assertSeedScreenCase(fhir.newXmlParser().parseResource(CoverageEligibilityResponse.class, reply.body()));
    }

    @Test
    void aRepeatedIdentifierGetsTheOriginalAnswerAndAReusedOneWithAnotherCardIsRefused() throws Exception {
        CoverageEligibilityRequest request = card("00000001", "東京", "001", null, SCREEN_DATE);
        request.addIdentifier().setSystem("http://clinic.example.jp/fhir/sid/eligibility-request")
                .setValue("retry-" + System.nanoTime());
        request.getEnterer().setDisplay("受付 山田");
        CoverageEligibilityResponse first = verify(request);
        CoverageEligibilityResponse again = verify(request);
        assertEquals(first.getIdentifierFirstRep().getValue(), again.getIdentifierFirstRep().getValue(),
                "a retry of the same request gets the same 認証番号");

        Coverage coverage = contained(request, request.getInsuranceFirstRep().getCoverage(), Coverage.class);
        coverage.getExtensionByUrl(JP + "InsuredPersonNumber").setValue(new StringType("002"));
        HttpResponse<String> reused = post("/CoverageEligibilityRequest", encode(request), JSON, JSON,
                DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertEquals(422, reused.statusCode(), reused.body());
        assertTrue(reused.body().contains("REQUEST_REFERENCE_REUSED")
                && reused.body().contains("CoverageEligibilityRequest.identifier"), reused.body());
    }

    @Test
    void aPatientNamedByItsBranchNumberIsThePatientOfTheAnswer() throws Exception {
        CoverageEligibilityResponse response = verify(card("00000001", "東京", "001", "03", SCREEN_DATE));

        Patient patient = contained(response, response.getPatient(), Patient.class);
        assertEquals("上野 三郎", patient.getNameFirstRep().getText());
        Coverage own = contained(response, response.getInsuranceFirstRep().getCoverage(), Coverage.class);
        assertEquals("03", own.getDependent());
        assertEquals("長男", own.getRelationship().getText());
        assertEquals(6, response.getInsurance().size(), "the patient's coverage, then the household's others");
    }

    @Test
    void everyResultCodeOfTheCenter() throws Exception {
        assertResult(card("00000001", "東京", "002", null, SCREEN_DATE), "EXPIRED", false, "2000-04-01",
                "2004-03-31");
        assertResult(card("00000001", "東京", "001", null, "2004-03-31"), "NOT_YET_VALID", false, "2004-04-01",
                "2010-03-31");
        CoverageEligibilityResponse notFound = assertResult(card("00000001", "東京", "999", null, SCREEN_DATE),
                "SYMBOL_NUMBER_NOT_FOUND", false, null, null);
        assertEquals("該当する記号・番号（枝番・生年月日）の保険資格はありません", notFound.getDisposition());
        CoverageEligibilityResponse noInsurer = assertResult(card("12345678", "東京", "001", null, SCREEN_DATE),
                "INSURER_NOT_FOUND", false, null, null);
        assertFalse(noInsurer.getInsurer().hasReference(), "no insurer to contain");
        assertEquals("12345678", noInsurer.getInsurer().getIdentifier().getValue());
        assertEquals(INSURER_NUMBER, noInsurer.getInsurer().getIdentifier().getSystem());

        // The pre-stored insurer: valid with two dependents, a lost qualification, not yet valid.
        CoverageEligibilityResponse preStored = assertResult(card("33120015", "大阪", "100", null, "2025-06-01"),
                "VALID", true, "2020-04-01", "2030-03-31");
        assertEquals(List.of("佐藤 一郎", "佐藤 花子", "佐藤 健"), names(preStored));
        CoverageEligibilityResponse lost = assertResult(card("33120015", "大阪", "300", null, "2025-12-01"),
                "EXPIRED", false, "2021-04-01", "2025-09-30");
        assertEquals("髙橋 𠮷子", contained(lost, lost.getPatient(), Patient.class).getNameFirstRep().getText());
        assertResult(card("33120015", "大阪", "400", null, "2025-06-01"), "NOT_YET_VALID", false, "2027-04-01",
                "2032-03-31");
    }

    @Test
    void badResourcesAreRefusedNamingTheElementAndNothingIsAskedOfTheCenter() throws Exception {
        long before = stack.centerVerificationCount();
        CoverageEligibilityRequest noCreated = card("00000001", "東京", "001", null, SCREEN_DATE);
        noCreated.setCreatedElement(null);
        assertRefusedNaming(noCreated, 422, "CoverageEligibilityRequest.created");
        CoverageEligibilityRequest noPurpose = card("00000001", "東京", "001", null, SCREEN_DATE);
        noPurpose.getPurpose().clear();
        assertRefusedNaming(noPurpose, 422, "CoverageEligibilityRequest.purpose");
        CoverageEligibilityRequest noInsurer = card("00000001", "東京", "001", null, SCREEN_DATE);
        noInsurer.setInsurer(null);
        assertRefusedNaming(noInsurer, 422, "CoverageEligibilityRequest.insurer");
        assertRefusedNaming(card("12345", "東京", "001", null, SCREEN_DATE), 422,
                "CoverageEligibilityRequest.contained.Organization.identifier.value");
        assertRefusedNaming(card("00000001", "東京", "001", "1", SCREEN_DATE), 422,
                "Coverage.extension:insuredPersonSubNumber");
        CoverageEligibilityRequest noSymbol = card("00000001", "東京", "001", null, SCREEN_DATE);
        contained(noSymbol, noSymbol.getInsuranceFirstRep().getCoverage(), Coverage.class).getExtension()
                .removeIf(extension -> extension.getUrl().endsWith("InsuredPersonSymbol"));
        assertRefusedNaming(noSymbol, 422, "Coverage.extension:insuredPersonSymbol");
        // dom-3: a contained resource nothing refers to.
        CoverageEligibilityRequest unreferenced = card("00000001", "東京", "001", null, SCREEN_DATE);
        unreferenced.addContained(new Patient().setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1960-01-01"))
                .setId("stray"));
        assertRefusedNaming(unreferenced, 422, "dom-3");
        // An element FHIR does not know is a parse error that names it.
        String unknownElement = encode(card("00000001", "東京", "001", null, SCREEN_DATE))
                .replaceFirst("\\{", "{\"cardColour\":\"blue\",");
        HttpResponse<String> reply = post("/CoverageEligibilityRequest", unknownElement, JSON, JSON,
                DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertEquals(400, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("cardColour"), reply.body());
        parse(reply.body(), OperationOutcome.class);

        assertEquals(before, stack.centerVerificationCount(), "no bad request reached the center");
    }

    @Test
    void everySecurityRefusalIsTheSame401SayingNothingMore() throws Exception {
        stack.createUser("fhir-refused", "MEDICAL_INSTITUTION:STAFF", "Right-Passw0rd-1");
        String body = encode(card("00000001", "東京", "001", null, SCREEN_DATE));

        HttpResponse<String> wrongPassword = post("/CoverageEligibilityRequest", body, JSON, JSON, "fhir-refused",
                "Wrong-Passw0rd-1");
        HttpResponse<String> unknownUser = post("/CoverageEligibilityRequest", body, JSON, JSON, "nobody-at-all",
                "Wrong-Passw0rd-1");
        HttpResponse<String> noCredentials = send(HttpRequest.newBuilder(uri("/CoverageEligibilityRequest"))
                .header("Content-Type", JSON).header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        // Nothing more is said before the credentials are known good: not that the resource is invalid either.
        CoverageEligibilityRequest invalid = card("00000001", "東京", "001", null, SCREEN_DATE);
        invalid.setCreatedElement(null);
        HttpResponse<String> invalidWithWrongPassword = post("/CoverageEligibilityRequest", encode(invalid), JSON,
                JSON, "fhir-refused", "Wrong-Passw0rd-1");
        stack.portalClock.advance(Duration.ofMinutes(5)); // past the slow-down the refusals above started
        HttpResponse<String> unparsableWithWrongPassword = post("/CoverageEligibilityRequest",
                body.replaceFirst("\\{", "{\"cardColour\":\"blue\","), JSON, JSON, "fhir-refused",
                "Wrong-Passw0rd-1");

        for (HttpResponse<String> refusal : List.of(wrongPassword, unknownUser, noCredentials,
                invalidWithWrongPassword, unparsableWithWrongPassword)) {
            assertEquals(401, refusal.statusCode(), refusal.body());
            assertEquals(wrongPassword.body(), refusal.body(), "one refusal, whatever the reason");
            assertTrue(refusal.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
        OperationOutcome outcome = parse(wrongPassword.body(), OperationOutcome.class);
        assertEquals(1, outcome.getIssue().size());
        assertEquals(OperationOutcome.IssueType.SECURITY, outcome.getIssueFirstRep().getCode());
        assertEquals("The request was refused.", outcome.getIssueFirstRep().getDiagnostics());
        assertFalse(wrongPassword.body().contains("Wrong-Passw0rd-1"));
    }

    @Test
    void repeatedFailuresAreSlowedDownEvenForTheRightPassword() throws Exception {
        String body = encode(card("00000001", "東京", "001", null, SCREEN_DATE));
        for (int attempt = 0; attempt < 4; attempt++) {
            assertEquals(401, post("/CoverageEligibilityRequest", body, JSON, JSON, DemoSeed.CLINIC_STAFF,
                    "Wrong-Passw0rd-" + attempt).statusCode());
        }
        long before = stack.centerVerificationCount();

        HttpResponse<String> waiting = post("/CoverageEligibilityRequest", body, JSON, JSON, DemoSeed.CLINIC_STAFF,
                stack.staffPassword());

        assertEquals(401, waiting.statusCode(), "the right password waits its turn");
        assertEquals(before, stack.centerVerificationCount(), "the center was not asked while waiting");
        stack.portalClock.advance(Duration.ofMinutes(3));
        assertEquals(200, post("/CoverageEligibilityRequest", body, JSON, JSON, DemoSeed.CLINIC_STAFF,
                stack.staffPassword()).statusCode());
    }

    @Test
    void theCentersLockoutAppliesAsItIs() throws Exception {
        stack.createUser("fhir-locked", "MEDICAL_INSTITUTION:STAFF", "Right-Passw0rd-1");
        String body = encode(card("00000001", "東京", "001", null, SCREEN_DATE));
        for (int attempt = 0; attempt < 5; attempt++) {
            stack.portalClock.advance(Duration.ofMinutes(5)); // past the portal's own slow-down each time
            assertEquals(401, post("/CoverageEligibilityRequest", body, JSON, JSON, "fhir-locked",
                    "Wrong-Passw0rd-" + attempt).statusCode());
        }
        stack.portalClock.advance(Duration.ofMinutes(5));

        HttpResponse<String> locked = post("/CoverageEligibilityRequest", body, JSON, JSON, "fhir-locked",
                "Right-Passw0rd-1");

        assertEquals(401, locked.statusCode(), "the center has locked the account: the right password is refused");
        assertEquals("The request was refused.", parse(locked.body(), OperationOutcome.class).getIssueFirstRep()
                .getDiagnostics());
        assertEquals(200, post("/CoverageEligibilityRequest", body, JSON, JSON, DemoSeed.CLINIC_STAFF,
                stack.staffPassword()).statusCode(), "only that account");
    }

    @Test
    void metadataIsACapabilityStatementNamingTheInteractionsAndBasicAuthentication() throws Exception {
        for (String format : List.of(JSON, XML)) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/metadata")).header("Accept", format).GET());

            assertEquals(200, reply.statusCode(), reply.body());
            CapabilityStatement statement = format.equals(JSON) ? parse(reply.body(), CapabilityStatement.class)
                    : fhir.newXmlParser().parseResource(CapabilityStatement.class, reply.body());
            assertEquals("4.0.1", statement.getFhirVersion().toCode());
            var rest = statement.getRestFirstRep();
            var resource = rest.getResource().stream().filter(r -> "CoverageEligibilityRequest".equals(r.getType()))
                    .findFirst().orElseThrow();
            assertTrue(resource.getInteraction().stream().anyMatch(i -> "create".equals(i.getCode().toCode())));
            assertTrue(resource.getOperation().stream().anyMatch(o -> "submit".equals(o.getName())),
                    "the $submit operation");
            assertEquals("Basic", rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode());
        }
    }

    @Test
    void aCenterThatCannotBeReachedIsOutcomeErrorWithoutAVerificationNumber() throws Exception {
        Map<String, String> settings = new HashMap<>(PortalStack.portalSettings(stack.demo,
                "http://127.0.0.1:" + PortalStack.freePort() + "/services/eligibility"));
        try (PortalServer unreachable = PortalServer.start(PortalSettings.load(null, settings), stack.portalClock)) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(unreachable.url()
                            + "fhir/CoverageEligibilityRequest")).header("Content-Type", JSON).header("Accept", JSON)
                    .header("Authorization", basic(DemoSeed.CLINIC_STAFF, stack.staffPassword()))
                    .POST(HttpRequest.BodyPublishers.ofString(encode(card("00000001", "東京", "001", null,
                            SCREEN_DATE)))));

            assertEquals(200, reply.statusCode(), reply.body());
            CoverageEligibilityResponse response = parse(reply.body(), CoverageEligibilityResponse.class);
            assertEquals(RemittanceOutcome.ERROR, response.getOutcome());
            assertEquals("CENTER_UNAVAILABLE", response.getErrorFirstRep().getCode().getCodingFirstRep().getCode());
            assertFalse(response.hasIdentifier(), "no answer, no verification number");
            assertFalse(response.getInsuranceFirstRep().hasInforce(), "nothing is known of the card");
            assertNoValidationErrors(response);
        }
    }

    // After the others, before the last.
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void passwordsAndCardDataNeverReachTheLog() {
        List<String> passwords = List.of(stack.staffPassword(), "Right-Passw0rd-1", "Wrong-Passw0rd-1");
        List<String> cardData = List.of("上野", "東京", "大阪", "佐藤");
        List<String> leaks = log.list.stream()
                .filter(event -> passwords.stream().anyMatch(event.getFormattedMessage()::contains)
                        || (event.getLoggerName().startsWith("jp.hokensho.portal")
                        || event.getLoggerName().startsWith("ca.uhn"))
                        && cardData.stream().anyMatch(event.getFormattedMessage()::contains))
                .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
        assertTrue(log.list.stream().anyMatch(event -> event.getLoggerName().startsWith("jp.hokensho.portal.fhir")),
                "the endpoint's log was captured");
        assertEquals(List.of(), leaks, "no password anywhere, no card data in the portal's or HAPI's log");
    }

    // Last: the center's circuit breaker may keep answering INSURER_UNAVAILABLE for a while after the insurer is back.
    @Test
    @Order(Integer.MAX_VALUE)
    void anInsurerThatIsDownIsOutcomeErrorWithTheVerificationNumber() throws Exception {
        stack.stopInsurer();
        try {
            CoverageEligibilityResponse response = verify(card("00000001", "東京", "001", null, SCREEN_DATE));

            assertEquals(RemittanceOutcome.ERROR, response.getOutcome());
            assertEquals("INSURER_UNAVAILABLE", response.getErrorFirstRep().getCode().getCodingFirstRep().getCode());
            assertTrue(response.getIdentifierFirstRep().getValue().matches("\\d{20}"), "the center answered");
            assertFalse(response.getInsuranceFirstRep().hasInforce(), "unknown, neither in force nor not");
            assertNoValidationErrors(response);
        } finally {
            stack.restartInsurer();
        }
    }

    private void assertSeedScreenCase(CoverageEligibilityResponse response) {
        assertTrue(response.getIdentifierFirstRep().getValue().matches("\\d{20}"));
        assertEquals("http://hokensho.jp/fhir/sid/verification-number", response.getIdentifierFirstRep().getSystem());
        assertEquals(RemittanceOutcome.COMPLETE, response.getOutcome());
        assertEquals("有効な保険資格です", response.getDisposition());
        assertEquals("validation", response.getPurpose().get(0).getValue().toCode());
        assertEquals(SCREEN_DATE, response.getServicedDateType().getValueAsString());
        assertEquals("20050708-0001", response.getRequest().getIdentifier().getValue());
        assertTrue(response.getError().isEmpty());

        Organization insurer = contained(response, response.getInsurer(), Organization.class);
        assertEquals("〇〇〇健康保険組合", insurer.getName());
        assertEquals("東京都〇〇区××1-1-1", insurer.getAddressFirstRep().getText());
        assertEquals(INSURER_NUMBER, insurer.getIdentifierFirstRep().getSystem());
        assertEquals("00000001", insurer.getIdentifierFirstRep().getValue());

        var insurance = response.getInsuranceFirstRep();
        assertTrue(insurance.getInforce());
        assertPeriod(insurance.getBenefitPeriod(), "2004-04-01", "2010-03-31");
        Coverage coverage = contained(response, insurance.getCoverage(), Coverage.class);
        assertEquals("東京", ((StringType) coverage.getExtensionByUrl(JP + "InsuredPersonSymbol").getValue()).getValue());
        assertEquals("001", ((StringType) coverage.getExtensionByUrl(JP + "InsuredPersonNumber").getValue()).getValue());
        assertEquals("00", ((StringType) coverage.getExtensionByUrl(JP + "InsuredPersonSubNumber").getValue())
                .getValue());
        assertEquals("00000001:東京:001:00", coverage.getIdentifierFirstRep().getValue());
        assertEquals("東京:001", coverage.getSubscriberId());
        assertEquals("00", coverage.getDependent());
        assertEquals("本人", coverage.getRelationship().getText());
        assertEquals("self", coverage.getRelationship().getCodingFirstRep().getCode());
        assertEquals("30", coverage.getCostToBeneficiaryFirstRep().getValueQuantity().getValue().toPlainString());
        assertPeriod(coverage.getPeriod(), "2004-04-01", "2010-03-31");
        Organization employer = contained(response, coverage.getPolicyHolder(), Organization.class);
        assertEquals("NTTコムウェア", employer.getName());
        assertEquals("東京都港区港南1-9-1", employer.getAddressFirstRep().getText());

        Patient insured = contained(response, response.getPatient(), Patient.class);
        assertEquals(insured, contained(response, coverage.getBeneficiary(), Patient.class));
        assertPerson(insured, "上野 太郎", "上野", "太郎", "ウエノ タロウ", AdministrativeGender.MALE, "1955-05-05");

        List<List<String>> household = response.getInsurance().stream().skip(1).map(entry -> {
            Coverage own = contained(response, entry.getCoverage(), Coverage.class);
            Patient person = contained(response, own.getBeneficiary(), Patient.class);
            assertEquals(insured, contained(response, own.getSubscriber(), Patient.class));
            assertTrue(entry.getInforce());
            assertPeriod(entry.getBenefitPeriod(), "2004-04-01", "2010-03-31");
            return List.of(person.getNameFirstRep().getText(), person.getGender().toCode(),
                    person.getBirthDateElement().getValueAsString(), own.getRelationship().getText(),
                    own.getDependent(), own.getRelationship().getCoding().get(1).getCode());
        }).toList();
        assertEquals(List.of(
                List.of("上野 一子", "female", "1960-11-03", "妻", "01", "2"),
                List.of("上野 次子", "female", "1983-02-14", "長女", "02", "2"),
                List.of("上野 三郎", "male", "1985-09-20", "長男", "03", "2"),
                List.of("上野 四郎", "male", "1987-12-01", "次男", "04", "2"),
                List.of("上野 五郎", "male", "1936-03-10", "父", "05", "2")), household);
    }

    private CoverageEligibilityResponse assertResult(CoverageEligibilityRequest request, String code, boolean inforce,
                                                     String from, String to) throws Exception {
        CoverageEligibilityResponse response = verify(request);
        assertEquals(RemittanceOutcome.COMPLETE, response.getOutcome(), code);
        assertTrue(response.getIdentifierFirstRep().getValue().matches("\\d{20}"), code);
        assertEquals(inforce, response.getInsuranceFirstRep().getInforce(), code);
        if (from == null) {
            assertFalse(response.getInsuranceFirstRep().hasBenefitPeriod(), code);
        } else {
            assertPeriod(response.getInsuranceFirstRep().getBenefitPeriod(), from, to);
        }
        if ("VALID".equals(code)) {
            assertTrue(response.getError().isEmpty(), code);
        } else {
            assertEquals(1, response.getError().size(), code);
            assertEquals(RESULT_CODE, response.getErrorFirstRep().getCode().getCodingFirstRep().getSystem());
            assertEquals(code, response.getErrorFirstRep().getCode().getCodingFirstRep().getCode());
        }
        assertNoValidationErrors(response);
        return response;
    }

    private void assertRefusedNaming(CoverageEligibilityRequest request, int status, String element)
            throws Exception {
        HttpResponse<String> reply = post("/CoverageEligibilityRequest", encode(request), JSON, JSON,
                DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertEquals(status, reply.statusCode(), reply.body());
        OperationOutcome outcome = parse(reply.body(), OperationOutcome.class);
        assertTrue(outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity()
                        == OperationOutcome.IssueSeverity.ERROR && (issue.getDiagnostics().contains(element)
                        || issue.getExpression().stream().anyMatch(e -> e.getValue().contains(element))
                        || issue.getLocation().stream().anyMatch(e -> e.getValue().contains(element)))),
                element + " not named in " + reply.body());
    }

    private static void assertPerson(Patient patient, String name, String family, String given, String kana,
                                     AdministrativeGender gender, String birthDate) {
        assertEquals(name, patient.getName().get(0).getText());
        assertEquals(family, patient.getName().get(0).getFamily());
        assertEquals(given, patient.getName().get(0).getGivenAsSingleString());
        assertEquals(kana, patient.getName().get(1).getText());
        assertEquals(gender, patient.getGender());
        assertEquals(birthDate, patient.getBirthDateElement().getValueAsString());
    }

    private static void assertPeriod(Period period, String start, String end) {
        assertEquals(start, period.getStartElement().getValueAsString());
        assertEquals(end, period.getEndElement().getValueAsString());
    }

    /** The response itself is valid R4, dom-3 (every contained resource referenced) included. */
    private void assertNoValidationErrors(IBaseResource resource) {
        ValidationResult result = validator().validateWithResult(resource);
        List<String> errors = result.getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(message -> message.getLocationString() + ": " + message.getMessage()).toList();
        assertEquals(List.of(), errors);
    }

    private FhirValidator validator;

    private FhirValidator validator() {
        if (validator == null) {
            UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(fhir);
            unknown.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity
                    .WARNING);
            FhirInstanceValidator module = new FhirInstanceValidator(new ValidationSupportChain(
                    new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
                    new InMemoryTerminologyServerValidationSupport(fhir), unknown));
            module.setAnyExtensionsAllowed(true);
            validator = fhir.newValidator().registerValidatorModule(module);
        }
        return validator;
    }

    private CoverageEligibilityResponse verify(CoverageEligibilityRequest request) throws Exception {
        HttpResponse<String> reply = post("/CoverageEligibilityRequest", encode(request), JSON, JSON,
                DemoSeed.CLINIC_STAFF, stack.staffPassword());
        assertEquals(200, reply.statusCode(), reply.body());
        return parse(reply.body(), CoverageEligibilityResponse.class);
    }

    /** A request as a clinic system would send it: JP Core identifiers, the card as a contained Coverage. */
    private CoverageEligibilityRequest card(String insurerNumber, String symbol, String number, String branch,
                                            String targetDate) {
        CoverageEligibilityRequest request = fhir.newJsonParser().parseResource(CoverageEligibilityRequest.class,
                documented("fhir-request"));
        request.getContained().removeIf(resource -> resource instanceof Patient);
        request.addContained(new Patient().setId("patient"));
        // Another request than the documented one: not its identifier (a repeat of it gets the first answer back).
        request.getIdentifier().clear();
        Organization insurer = contained(request, request.getInsurer(), Organization.class);
        insurer.getIdentifierFirstRep().setValue(insurerNumber);
        Coverage coverage = contained(request, request.getInsuranceFirstRep().getCoverage(), Coverage.class);
        coverage.getExtensionByUrl(JP + "InsuredPersonSymbol").setValue(new StringType(symbol));
        coverage.getExtensionByUrl(JP + "InsuredPersonNumber").setValue(new StringType(number));
        if (branch != null) {
            coverage.addExtension(JP + "InsuredPersonSubNumber", new StringType(branch));
        }
        request.setServiced(new org.hl7.fhir.r4.model.DateType(targetDate));
        return request;
    }

    private static <T extends Resource> T contained(org.hl7.fhir.r4.model.DomainResource resource,
                                                    Reference reference, Class<T> type) {
        String id = reference.getReference().substring(1);
        return resource.getContained().stream().filter(type::isInstance).map(type::cast)
                .filter(r -> id.equals(r.getIdElement().getIdPart())).findFirst()
                .orElseThrow(() -> new AssertionError("no contained " + type.getSimpleName() + " #" + id));
    }

    private static List<String> names(CoverageEligibilityResponse response) {
        return response.getContained().stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .map(patient -> patient.getNameFirstRep().getText()).toList();
    }

    private String encode(IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private <T extends IBaseResource> T parse(String body, Class<T> type) {
        return fhir.newJsonParser().parseResource(type, body);
    }

    private HttpResponse<String> post(String path, String body, String contentType, String accept, String user,
                                      String password) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("Accept", accept)
                .header("Authorization", basic(user, password)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(stack.url("/fhir" + path));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON block after {@code <!-- example: NAME -->} in docs/integration.md, as the reader sees it. */
    static String documented(String name) {
        try {
            String doc = Files.readString(DOC, StandardCharsets.UTF_8);
            Matcher block = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\s*```json\\n(.*?)\\n```",
                    Pattern.DOTALL).matcher(doc);
            if (!block.find()) {
                throw new AssertionError("no example " + name + " in " + DOC);
            }
            return block.group(1);
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + DOC, e);
        }
    }

    /** The parts that differ on every run: the verification number and the time of the answer. */
    private static String masked(String json) {
        return json.replaceAll("\"\\d{20}\"", "\"VERIFICATION-NUMBER\"")
                .replaceAll("\"created\"\\s*:\\s*\"[^\"]+\"", "\"created\": \"CREATED\"")
                .replaceAll("\\s+", "");
    }
}
