package jp.hokensho.center.cardstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.port.CardStore.Key;
import jp.hokensho.routes.port.StoredCard;

/**
 * The verifications' reads of stored cards, each card with its people in one statement, in plain JDBC and without
 * a transaction. Every pre-stored verification reads a card: through Hibernate, translating the query and mapping
 * its rows cost about four times the database's own work (profile in docs/performance.md).
 */
final class StoredCardReads {
    private static final String SELECT = "SELECT c.id, " + StoredCardEntity.COLUMNS + ", "
            + StoredCardPersonEntity.COLUMNS + " FROM stored_card c"
            + " LEFT JOIN stored_card_person p ON p.card_id = c.id WHERE ";
    private static final String ONE_KEY = "(c.insurer_number = ? AND c.card_symbol = ? AND c.card_number = ?)";

    private final DataSource dataSource;

    StoredCardReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored cards of these keys (already normalised), by key; keys without a card are absent. */
    Map<Key, StoredCard> read(List<Key> keys) {
        String where = String.join(" OR ", Collections.nCopies(keys.size(), ONE_KEY));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT + where + " ORDER BY c.id, p.ordinal")) {
            int parameter = 1;
            for (Key key : keys) {
                s.setString(parameter++, key.insurerNumber());
                s.setString(parameter++, key.symbol());
                s.setString(parameter++, key.number());
            }
            return cards(s);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read stored cards", e);
        }
    }

    private static Map<Key, StoredCard> cards(PreparedStatement s) throws SQLException {
        Map<Long, CardData> byId = new LinkedHashMap<>();
        Map<Key, StoredCard> found = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long id = r.getLong(1);
                CardData card = byId.get(id);
                if (card == null) {
                    StoredCardEntity entity = StoredCardEntity.read(r, 2);
                    card = entity.toCardData();
                    byId.put(id, card);
                    found.put(Key.of(card.getInsurerNumber(), card.getSymbol(), card.getNumber()),
                            new StoredCard(card, StoredTime.toOffsetDateTime(entity.getCenterReceivedAt())));
                }
                StoredCardPersonEntity person = StoredCardPersonEntity.read(r, 2 + StoredCardEntity.COLUMN_COUNT);
                if (person != null) {
                    JpaCardStore.addPerson(card, person);
                }
            }
        }
        return found;
    }
}
