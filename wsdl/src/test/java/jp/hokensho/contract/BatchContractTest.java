package jp.hokensho.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import jp.hokensho.contract.eligibility.BatchItemResult;
import jp.hokensho.contract.eligibility.VerifyEligibilityBatchResponse;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.RequestFault;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/** The bulk-verification additions of EligibilityService: permissive items, per-item results, the size bound. */
class BatchContractTest {
    private static final String NS = "http://hokensho.jp/verification/eligibility/v1";
    private static Schema schema;

    @BeforeAll
    static void loadSchema() {
        schema = ContractSchemas.load();
    }

    @Test
    void malformedItemsDoNotMakeTheBatchSchemaInvalid() {
        assertEquals(List.of(), ContractSchemas.errorsOf(schema,
                ContractSchemas.sample("samples/valid/verifyEligibilityBatch-with-malformed-items.xml")));
    }

    @Test
    void synchronousBatchIsBoundedAtOneThousandItems() {
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, batchOf("verifyEligibilityBatch", 1000)));
        List<String> errors = ContractSchemas.errorsOf(schema, batchOf("verifyEligibilityBatch", 1001));
        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().anyMatch(message -> message.contains("item")), errors.toString());
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, batchOf("submitBatch", 2000)),
                "submitBatch is bounded by the center (BATCH_TOO_LARGE), not by the schema");
    }

    @Test
    void resultsCarryAnAnswerOrAProblemAsTheExpectedPayload() throws Exception {
        VerifyEligibilityBatchResponse response = new VerifyEligibilityBatchResponse();
        BatchItemResult answered = new BatchItemResult();
        answered.setPosition(0);
        answered.setReference("patient-001");
        EligibilityAnswer answer = new EligibilityAnswer();
        answer.setVerificationNumber("00000000000000000709");
        answer.setResultCode(ResultCode.INSURER_NOT_FOUND);
        EligibilityQuery query = new EligibilityQuery();
        query.setInsurerNumber("12345678");
        query.setSymbol("東京");
        query.setNumber("001");
        query.setTargetDate(LocalDate.of(2005, 7, 8));
        answer.setQuery(query);
        answer.setAnsweredAt(OffsetDateTime.of(2005, 7, 8, 1, 2, 3, 0, ZoneOffset.UTC));
        answered.setAnswer(answer);
        BatchItemResult problem = new BatchItemResult();
        problem.setPosition(1);
        problem.setReference("patient-002");
        RequestFault fault = new RequestFault();
        fault.setCode("INVALID_FIELD");
        fault.setField("insurerNumber");
        fault.setMessage("insurer number must be 6 or 8 digits");
        problem.setProblem(fault);
        response.getResult().addAll(List.of(answered, problem));

        Marshaller marshaller = JAXBContext.newInstance(VerifyEligibilityBatchResponse.class).createMarshaller();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marshaller.marshal(response, out);

        Diff diff = DiffBuilder.compare(Input.fromURL(ContractSchemas.resource("expected/verifyEligibilityBatchResponse.xml")))
                .withTest(Input.fromByteArray(out.toByteArray())).ignoreWhitespace().ignoreComments()
                .checkForSimilar().build();
        assertFalse(diff.hasDifferences(), diff.toString());
        assertEquals(List.of(), ContractSchemas.errorsOf(schema, new StreamSource(new ByteArrayInputStream(out.toByteArray()))));
    }

    private static StreamSource batchOf(String operation, int items) {
        StringBuilder xml = new StringBuilder("<e:" + operation + " xmlns:e=\"" + NS + "\">");
        for (int i = 0; i < items; i++) {
            xml.append("<e:item><e:insurerNumber>33120015</e:insurerNumber><e:symbol>大阪</e:symbol>"
                    + "<e:number>").append(i).append("</e:number></e:item>");
        }
        xml.append("</e:").append(operation).append('>');
        return new StreamSource(new StringReader(xml.toString()));
    }
}
