package jp.hokensho.insurer.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jp.hokensho.contract.types.CardData;

import jp.hokensho.insurer.card.CardRepository.SaveOutcome;
import jp.hokensho.insurer.card.CsvHouseholds.Household;

/**
 * Imports cards from the insurer's back office: CSV in UTF-8 or Shift_JIS, one row per person, every row
 * validated, all-or-nothing, idempotent (an identical household is left as it is, change number included).
 */
public final class CsvCardLoader {
    /** The header row; column order is free, every column must be present. */
    public static final List<String> COLUMNS = CsvRowParser.COLUMNS;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** What an import did: rows read, households, and how many were new, changed or already identical. */
    public record Summary(int rows, int cards, int inserted, int updated, int unchanged) {
    }

    private final CardRepository repository;
    private final DataSource dataSource;
    private final Set<String> servedInsurers;
    private final boolean checkDigitRequired;
    private final boolean endingAllowed;

    /** {@code servedInsurers} empty means any insurer number is accepted. */
    public CsvCardLoader(CardRepository repository, DataSource dataSource, Set<String> servedInsurers,
                         boolean checkDigitRequired) {
        this.repository = repository;
        this.dataSource = dataSource;
        this.servedInsurers = Set.copyOf(servedInsurers);
        this.checkDigitRequired = checkDigitRequired;
        this.endingAllowed = true;
    }

    private CsvCardLoader(CsvCardLoader from, boolean endingAllowed) {
        this.repository = from.repository;
        this.dataSource = from.dataSource;
        this.servedInsurers = from.servedInsurers;
        this.checkDigitRequired = from.checkDigitRequired;
        this.endingAllowed = endingAllowed;
    }

    /**
     * The same loader for someone who may register and update cards but not end eligibility (staff's △): a file
     * that would set, change or clear a stored card's {@code qualification_lost} is refused as a whole, each such
     * card by its line.
     */
    public CsvCardLoader withoutEnding() {
        return new CsvCardLoader(this, false);
    }

    /** A UTF-8 file: {@code classpath:path/in/jar.csv} or a file path. */
    public Summary load(String location) throws CardImportException {
        return load(location, StandardCharsets.UTF_8);
    }

    /** {@code classpath:path/in/jar.csv} or a file path, in the given encoding (see {@link CsvEncoding}). */
    public Summary load(String location, Charset charset) throws CardImportException {
        byte[] bytes;
        try (InputStream in = open(location)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CardImportException(location, "cannot read: " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        String text = CsvDecoder.decode(bytes, charset, errors);
        return load(new StringReader(text), location, errors);
    }

    /** Already decoded text. */
    public Summary load(Reader reader, String source) throws CardImportException {
        return load(reader, source, new ArrayList<>());
    }

    private Summary load(Reader reader, String source, List<String> errors) throws CardImportException {
        List<CsvReader.Record> records;
        try {
            records = CsvReader.read(reader);
        } catch (IOException e) {
            errors.add(e.getMessage());
            throw new CardImportException(source, errors);
        }
        ImportRules rules = new ImportRules(servedInsurers, checkDigitRequired, LocalDate.now(TOKYO));
        Map<String, Household> households = CsvHouseholds.group(records, rules, errors);
        if (!errors.isEmpty()) {
            throw new CardImportException(source, errors);
        }
        if (!endingAllowed) {
            for (Household h : households.values()) {
                CardData card = h.card();
                Optional<CardData> stored = repository.find(card.getInsurerNumber(), card.getSymbol(),
                        card.getNumber());
                boolean endingChanges = stored.isPresent()
                        ? !Objects.equals(stored.get().getQualificationLost(), card.getQualificationLost())
                        : card.getQualificationLost() != null;
                if (endingChanges) {
                    errors.add("line " + h.firstLine() + ": card " + card.getSymbol() + "/" + card.getNumber()
                            + ": qualification_lost would end (or undo the end of) eligibility, which needs the"
                            + " full card-data right (a business manager)");
                }
            }
            if (!errors.isEmpty()) {
                throw new CardImportException(source, errors);
            }
        }
        return store(households, records.size() - 1, source);
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
