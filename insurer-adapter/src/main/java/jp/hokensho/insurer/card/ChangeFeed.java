package jp.hokensho.insurer.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jp.hokensho.contract.types.CardData;

/**
 * Cards of one insurer in change-sequence order, a chunk at a time, each in its current (latest) form.
 */
public final class ChangeFeed {
    /** A card with the change number of its latest change. */
    public record ChangedCard(long seq, CardData card) {
    }

    /**
     * The cards changed after a number, up to {@code throughSeq}: every change up to that number is either in
     * {@code cards} or was superseded by a later change (with a larger number, so a later chunk has it).
     */
    public record Chunk(List<ChangedCard> cards, long throughSeq) {
    }

    private static final String CARD_AND_PERSON_COLUMNS = "c.id, c.insurer_number, c.symbol, c.card_number, "
            + "c.valid_from, c.valid_to, c.qualification_acquired, c.qualification_lost, c.copayment_percent, "
            + "c.employer_name, c.employer_address, c.insurer_updated_at, c.change_seq, p.branch_number, p.insured, "
            + "p.person_name, p.name_kana, p.sex, p.birth_date, p.relationship";

    private final DataSource dataSource;

    public ChangeFeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** At most {@code limit} cards with change_seq &gt; {@code afterSeq}; empty with throughSeq = afterSeq at the end. */
    public Chunk after(String insurerNumber, long afterSeq, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long through = upperBound(c, insurerNumber, afterSeq, limit);
            if (through == afterSeq) {
                return new Chunk(List.of(), afterSeq);
            }
            // One statement reads each card with its persons consistently; a card changed meanwhile has left
            // the range with a larger number and comes in a later chunk.
            List<ChangedCard> cards = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CARD_AND_PERSON_COLUMNS
                    + " FROM insurer_card c JOIN insurer_card_person p ON p.card_id = c.id"
                    + " WHERE c.insurer_number = ? AND c.change_seq > ? AND c.change_seq <= ?"
                    + " ORDER BY c.change_seq, p.branch_number")) {
                ps.setString(1, insurerNumber);
                ps.setLong(2, afterSeq);
                ps.setLong(3, through);
                try (ResultSet rs = ps.executeQuery()) {
                    ChangedCard current = null;
                    while (rs.next()) {
                        long seq = rs.getLong("change_seq");
                        if (current == null || current.seq() != seq) {
                            current = new ChangedCard(seq, new CardData());
                            CardRows.readCard(rs, current.card());
                            cards.add(current);
                        }
                        CardRows.addPerson(rs, current.card());
                    }
                }
            }
            return new Chunk(cards, through);
        }
    }

    private static long upperBound(Connection c, String insurerNumber, long afterSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT change_seq FROM insurer_card"
                + " WHERE insurer_number = ? AND change_seq > ? ORDER BY change_seq LIMIT ?")) {
            ps.setString(1, insurerNumber);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            long last = afterSeq;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                }
            }
            return last;
        }
    }
}
