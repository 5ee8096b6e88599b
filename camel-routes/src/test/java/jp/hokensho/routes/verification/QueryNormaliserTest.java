package jp.hokensho.routes.verification;

import static jp.hokensho.routes.verification.QueryBuilder.aQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import jp.hokensho.contract.eligibility.InvalidRequestFault;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.RequestFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A query as typed becomes the normalised query the center works with, or a typed fault naming the field. */
class QueryNormaliserTest {
    /** 20:00 on 31 March in UTC is already 05:00 on 1 April in Tokyo. */
    private static final Instant EVENING_IN_UTC = Instant.parse("2026-03-31T20:00:00Z");

    private final QueryNormaliser normaliser = new QueryNormaliser(Clock.fixed(EVENING_IN_UTC, ZoneOffset.UTC));

    @Test
    void fullWidthInputIsNormalised() throws InvalidRequestFault {
        EligibilityQuery query = normaliser.normalise(aQuery().insurerNumber("　００００００01 ").symbol(" 東　京 ")
                .number("００１").branchNumber("０２").build());

        assertEquals("00000001", query.getInsurerNumber());
        assertEquals("東 京", query.getSymbol());
        assertEquals("001", query.getNumber());
        assertEquals("02", query.getBranchNumber());
        assertEquals(LocalDate.of(2005, 7, 8), query.getTargetDate());
    }

    @Test
    void typedQueryIsLeftAsItWas() throws InvalidRequestFault {
        EligibilityQuery typed = aQuery().number("００１").targetDate(null).build();

        normaliser.normalise(typed);

        assertEquals("００１", typed.getNumber());
        assertNull(typed.getTargetDate());
    }

    @Test
    void sixDigitNationalHealthInsuranceNumberIsAccepted() throws InvalidRequestFault {
        assertEquals("138057", normaliser.normalise(aQuery().insurerNumber("１３８０５７").build()).getInsurerNumber());
    }

    @Test
    void insurerNumberFailingTheCheckDigitIsStillAccepted() throws InvalidRequestFault {
        // The check digit is a registration rule; 00000001 (the source document's insurer) does not pass it.
        assertEquals("00000001", normaliser.normalise(aQuery().insurerNumber("00000001").build()).getInsurerNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000001", "０００００００", "000000001", "12345", "0000000A", "0000 0001", "٠٠٠٠٠٠٠١"})
    void insurerNumberNotOfSixOrEightDigitsNamesTheField(String typed) {
        assertFault("INVALID_FIELD", "insurerNumber", () -> normaliser.normalise(aQuery().insurerNumber(typed).build()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "insurerNumber|MISSING_FIELD",
        "symbol|MISSING_FIELD",
        "number|MISSING_FIELD"})
    void blankKeyIsMissing(String field, String code) {
        QueryBuilder query = aQuery();
        switch (field) {
            case "insurerNumber" -> query.insurerNumber("　 ");
            case "symbol" -> query.symbol("　");
            default -> query.number(null);
        }
        assertFault(code, field, () -> normaliser.normalise(query.build()));
    }

    @Test
    void symbolLongerThanFortyCharactersNamesTheField() {
        assertFault("INVALID_FIELD", "symbol", () -> normaliser.normalise(aQuery().symbol("東".repeat(41)).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "001", "0A"})
    void branchNotOfTwoDigitsNamesTheField(String typed) {
        assertFault("INVALID_FIELD", "branchNumber", () -> normaliser.normalise(aQuery().branchNumber(typed).build()));
    }

    @Test
    void missingQueryIsRefused() {
        assertFault("MISSING_FIELD", "query", () -> normaliser.normalise(null));
    }

    @Test
    void missingTargetDateIsTodayInTokyoNotInTheServersZone() throws InvalidRequestFault {
        EligibilityQuery query = normaliser.normalise(aQuery().targetDate(null).build());

        assertEquals(LocalDate.of(2026, 4, 1), query.getTargetDate());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "2026-03-31T14:59:59.999Z, 2026-03-31",
        "2026-03-31T15:00:00Z, 2026-04-01"})
    void todayTurnsAtMidnightInTokyo(Instant now, LocalDate today) {
        // The server's own zone (here Los Angeles, still on the previous day) plays no part.
        QueryNormaliser inLosAngeles = new QueryNormaliser(Clock.fixed(now, ZoneId.of("America/Los_Angeles")));

        assertEquals(today, inLosAngeles.today());
    }

    @Test
    void birthDateAfterTheTargetDateIsRefused() {
        assertFault("INVALID_FIELD", "birthDate", () -> normaliser.normalise(
                aQuery().targetDate(LocalDate.of(2005, 7, 8)).birthDate(LocalDate.of(2005, 7, 9)).build()));
    }

    @Test
    void birthDateAfterTodayIsRefusedWhenTheTargetDateIsMissing() {
        assertFault("INVALID_FIELD", "birthDate", () -> normaliser.normalise(
                aQuery().targetDate(null).birthDate(LocalDate.of(2026, 4, 2)).build()));
    }

    @Test
    void bornOnTheTargetDateIsAccepted() throws InvalidRequestFault {
        EligibilityQuery query = normaliser.normalise(
                aQuery().targetDate(LocalDate.of(2005, 7, 8)).birthDate(LocalDate.of(2005, 7, 8)).build());

        assertEquals(LocalDate.of(2005, 7, 8), query.getBirthDate());
    }

    private static void assertFault(String code, String field, Executable call) {
        InvalidRequestFault fault = assertThrows(InvalidRequestFault.class, call);
        RequestFault info = fault.getFaultInfo();
        assertEquals(field, info.getField());
        assertEquals(code, info.getCode());
        assertEquals(true, info.getMessage() != null && !info.getMessage().isBlank(), "a readable message");
    }
}
