package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CardRepository.SaveOutcome;
import jp.hokensho.insurer.card.CsvCardLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The card store and the CSV import, run against each database the adapter supports (see the subclasses).
 */
abstract class CardStoreContract {
    static final String DEMO = "classpath:demo/insurer-00000001-cards.csv";
    static final String HEADER = String.join(",", CsvCardLoader.COLUMNS) + "\n";

    protected abstract AdapterDatabase database();

    CardRepository repository;
    CsvCardLoader loader;

    @BeforeEach
    void emptyStore() throws SQLException {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM insurer_card_person");
            s.executeUpdate("DELETE FROM insurer_card");
        }
        repository = new CardRepository(database().dataSource());
        loader = new CsvCardLoader(repository, database().dataSource(), Set.of("00000001"), false);
    }

    @Test
    void demoCsvHoldsTheUenoHouseholdOfTheSourceScreen() throws Exception {
        CsvCardLoader.Summary summary = loader.load(DEMO);
        assertEquals(new CsvCardLoader.Summary(11, 4, 4, 0, 0), summary);

        CardData card = repository.find("00000001", "東京", "001").orElseThrow();
        assertEquals("上野 太郎", card.getInsured().getName());
        assertEquals("ウエノ タロウ", card.getInsured().getNameKana());
        assertEquals(Sex.MALE, card.getInsured().getSex());
        assertEquals(LocalDate.of(1955, 5, 5), card.getInsured().getBirthDate());
        assertEquals(Relationship.SELF, card.getInsured().getRelationship());
        assertEquals("00", card.getInsured().getBranchNumber());
        assertEquals(List.of("01", "02", "03", "04", "05"),
                card.getDependent().stream().map(CardPerson::getBranchNumber).collect(Collectors.toList()));
        assertEquals(List.of(Relationship.SPOUSE, Relationship.ELDEST_DAUGHTER, Relationship.ELDEST_SON,
                        Relationship.SECOND_SON, Relationship.FATHER),
                card.getDependent().stream().map(CardPerson::getRelationship).collect(Collectors.toList()));
        assertEquals(LocalDate.of(2004, 4, 1), card.getValidFrom());
        assertEquals(LocalDate.of(2010, 3, 31), card.getValidTo());
        assertEquals(LocalDate.of(2004, 4, 1), card.getQualificationAcquired());
        assertNull(card.getQualificationLost());
        assertEquals(30, card.getCopaymentPercent());
        assertEquals("NTTコムウェア", card.getEmployer().getName());
        assertEquals("東京都港区港南1-9-1", card.getEmployer().getAddress());
        assertEquals(OffsetDateTime.parse("2004-04-01T09:00:00+09:00").toInstant(),
                card.getInsurerUpdatedAt().toInstant());

        assertEquals(LocalDate.of(2004, 3, 31), repository.find("00000001", "東京", "002").orElseThrow().getValidTo());
        assertEquals(LocalDate.of(2005, 6, 30),
                repository.find("00000001", "大阪", "101").orElseThrow().getQualificationLost());
        // Typed in full width in the CSV, stored normalised.
        assertEquals(LocalDate.of(2006, 4, 1), repository.find("00000001", "東京", "003").orElseThrow().getValidFrom());
    }

    @Test
    void queriesAreNormalisedLikeImports() throws Exception {
        loader.load(DEMO);
        assertTrue(repository.find("０００００００１", "　東京 ", "００１").isPresent());
        assertTrue(repository.find("00000001", "東京", "００３").isPresent());
        assertTrue(repository.find("00000001", "東京", "999").isEmpty());
        assertTrue(repository.find("00000002", "東京", "001").isEmpty());
    }

    @Test
    void reloadingTheSameFileChangesNothing() throws Exception {
        loader.load(DEMO);
        List<String> before = snapshot();
        CsvCardLoader.Summary again = loader.load(DEMO);
        assertEquals(new CsvCardLoader.Summary(11, 4, 0, 0, 4), again);
        assertEquals(before, snapshot());
    }

    @Test
    void badRowsAreReportedWithTheirLinesAndNothingIsStored() throws Exception {
        loader.load(DEMO);
        List<String> before = snapshot();
        String csv = HEADER
                + "00000001,東京,777,00,良い 行,,MALE,1970-01-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,778,00,悪い 日付,,MALE,1970-13-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,779,00,悪い 性別,,X,1970-01-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "99999999,東京,780,00,他の 保険者,,MALE,1970-01-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,781,01,被保険者 なし,,MALE,1970-01-01,SON,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,782,00,短い 行\n";
        CardImportException e = assertThrows(CardImportException.class,
                () -> loader.load(new StringReader(csv), "bad.csv"));
        String all = String.join("\n", e.errors());
        for (int line = 3; line <= 7; line++) {
            assertTrue(all.contains("line " + line + ":"), "line " + line + " reported in:\n" + all);
        }
        assertFalse(all.contains("line 2:"), all);
        assertTrue(all.contains("birth_date"), all);
        assertTrue(all.contains("sex"), all);
        assertTrue(all.contains("99999999"), all);
        assertEquals(before, snapshot(), "the good row of a refused file is not stored either");
        assertTrue(repository.find("00000001", "東京", "777").isEmpty());
    }

    @Test
    void householdRowsMustAgreeAndNeedTheirInsured() {
        String csv = HEADER
                + "00000001,東京,800,00,父 親,,MALE,1950-01-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,800,01,母 親,,FEMALE,1952-01-01,SPOUSE,2004-04-01,,,,20,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,800,00,重複,,MALE,1950-01-01,SELF,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n"
                + "00000001,東京,801,01,扶養 者,,FEMALE,1952-01-01,SPOUSE,2004-04-01,,,,30,,,2004-04-01T09:00:00+09:00\n";
        CardImportException e = assertThrows(CardImportException.class,
                () -> loader.load(new StringReader(csv), "household.csv"));
        String all = String.join("\n", e.errors());
        assertTrue(all.contains("line 3: card columns differ from line 2"), all);
        assertTrue(all.contains("line 4: branch 00 appears twice"), all);
        assertTrue(all.contains("line 5: card 東京/801 has no insured person"), all);
    }

    @Test
    void aMissingColumnIsReportedOnTheHeaderLine() {
        CardImportException e = assertThrows(CardImportException.class,
                () -> loader.load(new StringReader("insurer_number,symbol,number\n"), "short.csv"));
        assertTrue(e.errors().get(0).startsWith("line 1: column 'branch' is missing"), e.getMessage());
    }

    @Test
    void aChangedHouseholdReplacesTheStoredOne() throws Exception {
        loader.load(DEMO);
        CardData card = repository.find("00000001", "東京", "001").orElseThrow();
        card.setValidTo(LocalDate.of(2012, 3, 31));
        card.getDependent().remove(4);
        card.setInsurerUpdatedAt(OffsetDateTime.parse("2006-04-01T09:00:00.123456+09:00"));
        assertEquals(SaveOutcome.UPDATED, repository.saveHousehold(card));
        assertEquals(SaveOutcome.UNCHANGED, repository.saveHousehold(card));

        CardData stored = repository.find("00000001", "東京", "001").orElseThrow();
        assertEquals(LocalDate.of(2012, 3, 31), stored.getValidTo());
        assertEquals(4, stored.getDependent().size());
        // DATETIME(6): microseconds survive on MariaDB as on H2.
        assertEquals(card.getInsurerUpdatedAt().toInstant(), stored.getInsurerUpdatedAt().toInstant());
    }

    @Test
    void symbolsThatOnlyLookAlikeAreDifferentCards() throws Exception {
        // utf8mb4_general_ci would call these equal; the schema's utf8mb4_bin keeps them apart.
        for (String symbol : List.of("ハ", "パ", "は")) {
            assertEquals(SaveOutcome.INSERTED, repository.saveHousehold(card(symbol, "1", "保険 " + symbol)));
        }
        assertEquals("保険 パ", repository.find("00000001", "パ", "1").orElseThrow().getInsured().getName());
        assertEquals("保険 は", repository.find("00000001", "は", "1").orElseThrow().getInsured().getName());
        assertTrue(repository.find("00000001", "バ", "1").isEmpty());
    }

    static CardData card(String symbol, String number, String name) {
        CardData card = new CardData();
        card.setInsurerNumber("00000001");
        card.setSymbol(symbol);
        card.setNumber(number);
        card.setValidFrom(LocalDate.of(2004, 4, 1));
        card.setInsurerUpdatedAt(OffsetDateTime.of(2004, 4, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        CardPerson insured = new CardPerson();
        insured.setBranchNumber("00");
        insured.setName(name);
        insured.setSex(Sex.FEMALE);
        insured.setBirthDate(LocalDate.of(1970, 1, 1));
        insured.setRelationship(Relationship.SELF);
        card.setInsured(insured);
        return card;
    }

    /** Every stored value of both tables, in a stable order. */
    List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT * FROM insurer_card ORDER BY id",
                    "SELECT * FROM insurer_card_person ORDER BY card_id, branch_number")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(md.getColumnLabel(i)).append('=').append(rs.getString(i)).append(';');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }
}
