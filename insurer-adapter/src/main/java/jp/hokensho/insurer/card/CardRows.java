package jp.hokensho.insurer.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Party;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;

/**
 * Maps cards and persons between the contract classes and the insurer_card / insurer_card_person rows.
 */
final class CardRows {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private CardRows() {
    }

    static void readCard(ResultSet rs, CardData card) throws SQLException {
        card.setInsurerNumber(rs.getString("insurer_number"));
        card.setSymbol(rs.getString("symbol"));
        card.setNumber(rs.getString("card_number"));
        card.setValidFrom(rs.getObject("valid_from", LocalDate.class));
        card.setValidTo(rs.getObject("valid_to", LocalDate.class));
        card.setQualificationAcquired(rs.getObject("qualification_acquired", LocalDate.class));
        card.setQualificationLost(rs.getObject("qualification_lost", LocalDate.class));
        int copay = rs.getInt("copayment_percent");
        card.setCopaymentPercent(rs.wasNull() ? null : copay);
        String employer = rs.getString("employer_name");
        if (employer != null) {
            Party party = new Party();
            party.setName(employer);
            party.setAddress(rs.getString("employer_address"));
            card.setEmployer(party);
        }
        // Stored in UTC; answered at Tokyo's offset, the zone the insurer and the center work in.
        LocalDateTime utc = rs.getObject("insurer_updated_at", LocalDateTime.class);
        card.setInsurerUpdatedAt(utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(TOKYO).toOffsetDateTime());
    }

    static void loadPersons(Connection c, long id, CardData card) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT branch_number, insured, person_name, name_kana, sex, "
                + "birth_date, relationship FROM insurer_card_person WHERE card_id = ? ORDER BY branch_number")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addPerson(rs, card);
                }
            }
        }
    }

    /** Adds the person of the current row (insurer_card_person columns) to the card, as insured or dependent. */
    static void addPerson(ResultSet rs, CardData card) throws SQLException {
        CardPerson p = new CardPerson();
        p.setBranchNumber(rs.getString("branch_number"));
        p.setName(rs.getString("person_name"));
        p.setNameKana(rs.getString("name_kana"));
        p.setSex(Sex.valueOf(rs.getString("sex")));
        p.setBirthDate(rs.getObject("birth_date", LocalDate.class));
        p.setRelationship(Relationship.valueOf(rs.getString("relationship")));
        if (rs.getBoolean("insured")) {
            card.setInsured(p);
        } else {
            card.getDependent().add(p);
        }
    }

    static void bindCardFields(PreparedStatement ps, int first, CardData card) throws SQLException {
        ps.setObject(first, card.getValidFrom());
        setDate(ps, first + 1, card.getValidTo());
        setDate(ps, first + 2, card.getQualificationAcquired());
        setDate(ps, first + 3, card.getQualificationLost());
        if (card.getCopaymentPercent() == null) {
            ps.setNull(first + 4, Types.INTEGER);
        } else {
            ps.setInt(first + 4, card.getCopaymentPercent());
        }
        ps.setString(first + 5, card.getEmployer() == null ? null : card.getEmployer().getName());
        ps.setString(first + 6, card.getEmployer() == null ? null : card.getEmployer().getAddress());
        ps.setObject(first + 7, utcMicros(card));
    }

    static LocalDateTime utcMicros(CardData card) {
        return card.getInsurerUpdatedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MICROS);
    }

    static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    static void insertPersons(Connection c, long id, CardData card) throws SQLException {
        List<CardPerson> persons = new ArrayList<>();
        persons.add(card.getInsured());
        persons.addAll(card.getDependent());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO insurer_card_person (card_id, branch_number, "
                + "insured, person_name, name_kana, sex, birth_date, relationship) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CardPerson p : persons) {
                ps.setLong(1, id);
                ps.setString(2, CardKeys.normalise(p.getBranchNumber()));
                ps.setBoolean(3, p == card.getInsured());
                ps.setString(4, p.getName());
                ps.setString(5, p.getNameKana());
                ps.setString(6, p.getSex().name());
                ps.setObject(7, p.getBirthDate());
                ps.setString(8, p.getRelationship().name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
