package jp.hokensho.insurer.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import javax.sql.DataSource;

import jp.hokensho.contract.CardKeys;

/**
 * Ends a card's eligibility locally (資格喪失): sets qualification_lost for the household, records the insurer's
 * change time and takes a change number, so the next sync delivers the ended card.
 */
public final class CardEnding {
    /** ENDED changed the card; UNCHANGED found it already lost on that day (no new change number). */
    public enum Outcome { ENDED, UNCHANGED, NOT_FOUND }

    private final DataSource dataSource;

    public CardEnding(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome end(String insurerNumber, String symbol, String number, LocalDate lostOn, Instant now)
            throws SQLException {
        Objects.requireNonNull(lostOn, "the day qualification is lost");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = end(c, CardKeys.normalise(insurerNumber), CardKeys.normalise(symbol),
                        CardKeys.normalise(number), lostOn, now);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static Outcome end(Connection c, String insurer, String symbol, String number, LocalDate lostOn,
                               Instant now) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, qualification_acquired, qualification_lost "
                + "FROM insurer_card WHERE insurer_number = ? AND symbol = ? AND card_number = ? FOR UPDATE")) {
            ps.setString(1, insurer);
            ps.setString(2, symbol);
            ps.setString(3, number);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.NOT_FOUND;
                }
                id = rs.getLong("id");
                LocalDate acquired = rs.getObject("qualification_acquired", LocalDate.class);
                if (acquired != null && lostOn.isBefore(acquired)) {
                    throw new IllegalArgumentException("qualification cannot be lost on " + lostOn
                            + ", before it was acquired on " + acquired);
                }
                if (lostOn.equals(rs.getObject("qualification_lost", LocalDate.class))) {
                    return Outcome.UNCHANGED;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE insurer_card SET qualification_lost = ?, "
                + "insurer_updated_at = ?, change_seq = ? WHERE id = ?")) {
            ps.setObject(1, lostOn);
            // Stored like every insurer change time: UTC to the microsecond (DATETIME(6)).
            ps.setObject(2, now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime());
            ps.setLong(3, ChangeSequence.next(c));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        return Outcome.ENDED;
    }
}
