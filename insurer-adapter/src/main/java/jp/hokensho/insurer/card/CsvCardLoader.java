package jp.hokensho.insurer.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.insurer.card.CardRepository.SaveOutcome;

/**
 * Imports cards from the insurer's back office: UTF-8 CSV, one row per person, all-or-nothing, idempotent.
 */
public final class CsvCardLoader {
    /** The header row; column order is free, every column must be present. */
    public static final List<String> COLUMNS = CsvRowParser.COLUMNS;

    /** What an import did: rows read, households, and how many were new, changed or already identical. */
    public record Summary(int rows, int cards, int inserted, int updated, int unchanged) {
    }

    private final CardRepository repository;
    private final DataSource dataSource;
    private final Set<String> servedInsurers;

    /** {@code servedInsurers} empty means any insurer number is accepted. */
    public CsvCardLoader(CardRepository repository, DataSource dataSource, Set<String> servedInsurers) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.servedInsurers = Set.copyOf(servedInsurers);
    }

    /** {@code classpath:path/in/jar.csv} or a file path. */
    public Summary load(String location) throws CardImportException {
        try (InputStream in = open(location)) {
            return load(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)), location);
        } catch (IOException e) {
            throw new CardImportException(location, "cannot read: " + e.getMessage(), e);
        }
    }

    public Summary load(Reader reader, String source) throws CardImportException {
        List<CsvReader.Record> records;
        try {
            records = CsvReader.read(reader);
        } catch (IOException e) {
            throw new CardImportException(source, "not readable as UTF-8 CSV: " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        Map<String, Household> households = group(records, errors);
        if (!errors.isEmpty()) {
            throw new CardImportException(source, errors);
        }
        return store(households, records.size() - 1, source);
    }

    private record Household(int firstLine, CardData card) {
    }

    private Map<String, Household> group(List<CsvReader.Record> records, List<String> errors) {
        Map<String, Household> households = new LinkedHashMap<>();
        if (records.isEmpty()) {
            errors.add("line 1: the header row is missing");
            return households;
        }
        CsvRowParser parser = CsvRowParser.forHeader(records.get(0), errors);
        if (parser == null) {
            return households;
        }
        for (CsvReader.Record record : records.subList(1, records.size())) {
            CsvRowParser.Row row = parser.parse(record, servedInsurers, errors);
            if (row == null) {
                continue;
            }
            Household h = households.get(row.key());
            if (h == null) {
                households.put(row.key(), new Household(record.line(), row.card()));
            } else if (!CsvRowParser.sameCardColumns(h.card(), row.card())) {
                errors.add("line " + record.line() + ": card columns differ from line " + h.firstLine()
                        + " of the same card");
            } else {
                addPerson(h, row, record.line(), errors);
            }
        }
        for (Household h : households.values()) {
            if (h.card().getInsured() == null) {
                errors.add("line " + h.firstLine() + ": card " + h.card().getSymbol() + "/" + h.card().getNumber()
                        + " has no insured person (branch 00, relationship SELF)");
            }
        }
        return households;
    }

    private static void addPerson(Household h, CsvRowParser.Row row, int line, List<String> errors) {
        CardPerson person = row.card().getInsured() != null ? row.card().getInsured() : row.card().getDependent().get(0);
        CardData card = h.card();
        boolean duplicate = (card.getInsured() != null
                && card.getInsured().getBranchNumber().equals(person.getBranchNumber()))
                || card.getDependent().stream().anyMatch(p -> p.getBranchNumber().equals(person.getBranchNumber()));
        if (duplicate) {
            errors.add("line " + line + ": branch " + person.getBranchNumber() + " appears twice on this card");
        } else if (person.getRelationship() == Relationship.SELF) {
            if (card.getInsured() != null) {
                errors.add("line " + line + ": a second insured person (SELF) on this card");
            } else {
                card.setInsured(person);
            }
        } else {
            card.getDependent().add(person);
        }
    }

    private Summary store(Map<String, Household> households, int rows, String source) throws CardImportException {
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        Household current = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Household h : households.values()) {
                    current = h;
                    SaveOutcome outcome = repository.saveHousehold(c, h.card());
                    inserted += outcome == SaveOutcome.INSERTED ? 1 : 0;
                    updated += outcome == SaveOutcome.UPDATED ? 1 : 0;
                    unchanged += outcome == SaveOutcome.UNCHANGED ? 1 : 0;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            String where = current == null ? "" : "line " + current.firstLine() + ": ";
            throw new CardImportException(source, where + "database refused the card: " + e.getMessage(), e);
        }
        return new Summary(rows, households.size(), inserted, updated, unchanged);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = CsvCardLoader.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource: " + resource);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }
}
