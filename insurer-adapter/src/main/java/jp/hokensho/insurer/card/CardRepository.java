package jp.hokensho.insurer.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;

/**
 * Cards (households) in the adapter's database, by insurer number, symbol and number (all stored normalised).
 */
public final class CardRepository {
    /** What {@link #saveHousehold} did; UNCHANGED leaves every row as it was, so re-imports are idempotent. */
    public enum SaveOutcome { INSERTED, UPDATED, UNCHANGED }

    private static final String CARD_COLUMNS = "id, insurer_number, symbol, card_number, valid_from, valid_to, "
            + "qualification_acquired, qualification_lost, copayment_percent, employer_name, employer_address, "
            + "insurer_updated_at";

    private final DataSource dataSource;

    public CardRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<CardData> find(String insurerNumber, String symbol, String number) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, insurerNumber, symbol, number, false).map(Loaded::card);
        } catch (SQLException e) {
            throw new IllegalStateException("card lookup failed", e);
        }
    }

    /** Inserts or replaces one household in its own transaction. */
    public SaveOutcome saveHousehold(CardData card) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SaveOutcome outcome = saveHousehold(c, card);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Inserts or replaces one household within the caller's transaction (auto-commit off); an identical one is
     * left untouched, so its change sequence is not bumped and the next sync does not send it again.
     */
    public SaveOutcome saveHousehold(Connection c, CardData card) throws SQLException {
        Objects.requireNonNull(card.getInsured(), "a card needs its insured person");
        Objects.requireNonNull(card.getValidFrom(), "a card needs its valid-from date");
        Objects.requireNonNull(card.getInsurerUpdatedAt(), "a card needs the insurer's last change time");
        String insurer = CardKeys.normalise(card.getInsurerNumber());
        String symbol = CardKeys.normalise(card.getSymbol());
        String number = CardKeys.normalise(card.getNumber());
        Optional<Loaded> existing = find(c, insurer, symbol, number, true);
        if (existing.isPresent() && CardComparison.same(existing.get().card(), card)) {
            return SaveOutcome.UNCHANGED;
        }
        long id;
        if (existing.isPresent()) {
            id = existing.get().id();
            try (PreparedStatement ps = c.prepareStatement("UPDATE insurer_card SET valid_from = ?, valid_to = ?, "
                    + "qualification_acquired = ?, qualification_lost = ?, copayment_percent = ?, employer_name = ?, "
                    + "employer_address = ?, insurer_updated_at = ?, change_seq = ? WHERE id = ?")) {
                CardRows.bindCardFields(ps, 1, card);
                ps.setLong(9, ChangeSequence.next(c));
                ps.setLong(10, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM insurer_card_person WHERE card_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO insurer_card (insurer_number, symbol, "
                    + "card_number, valid_from, valid_to, qualification_acquired, qualification_lost, "
                    + "copayment_percent, employer_name, employer_address, insurer_updated_at, change_seq) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, insurer);
                ps.setString(2, symbol);
                ps.setString(3, number);
                CardRows.bindCardFields(ps, 4, card);
                ps.setLong(12, ChangeSequence.next(c));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
        }
        CardRows.insertPersons(c, id, card);
        return existing.isPresent() ? SaveOutcome.UPDATED : SaveOutcome.INSERTED;
    }

    private record Loaded(long id, CardData card) {
    }

    private Optional<Loaded> find(Connection c, String insurer, String symbol, String number, boolean lock)
            throws SQLException {
        String sql = "SELECT " + CARD_COLUMNS + " FROM insurer_card WHERE insurer_number = ? AND symbol = ? "
                + "AND card_number = ?" + (lock ? " FOR UPDATE" : "");
        CardData card = new CardData();
        long id;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, CardKeys.normalise(insurer));
            ps.setString(2, CardKeys.normalise(symbol));
            ps.setString(3, CardKeys.normalise(number));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong("id");
                CardRows.readCard(rs, card);
            }
        }
        CardRows.loadPersons(c, id, card);
        return Optional.of(new Loaded(id, card));
    }
}
