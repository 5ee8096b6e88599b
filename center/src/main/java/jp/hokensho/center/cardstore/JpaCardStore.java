package jp.hokensho.center.cardstore;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.StoredCard;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pre-stored insurers' cards, in {@code stored_card} and {@code stored_card_person}. */
public class JpaCardStore implements CardStore {
    private static final Logger LOG = LoggerFactory.getLogger(JpaCardStore.class);

    private final Database database;

    public JpaCardStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<StoredCard> find(String insurerNumber, String symbol, String number) {
        return database.fromTransaction(session -> card(session, CardKeys.normalise(insurerNumber),
                CardKeys.normalise(symbol), CardKeys.normalise(number))
                .map(entity -> toStoredCard(session, entity)));
    }

    /**
     * Stores the card under its normalised keys: a new card is inserted, an existing one overwritten and
     * its people (insured and dependents) replaced. {@code receivedAt} is when the center received it.
     */
    public void save(CardData card, OffsetDateTime receivedAt) {
        String insurer = CardKeys.normalise(card.getInsurerNumber());
        String symbol = CardKeys.normalise(card.getSymbol());
        String number = CardKeys.normalise(card.getNumber());
        try {
            saveOnce(card, receivedAt, insurer, symbol, number);
        } catch (ConstraintViolationException e) {
            // Two uploads of the same new card raced on the unique key: the second one now updates.
            LOG.debug("Card {}/{}/{} inserted concurrently, saving again as an update", insurer, symbol, number);
            saveOnce(card, receivedAt, insurer, symbol, number);
        }
    }

    private void saveOnce(CardData card, OffsetDateTime receivedAt, String insurer, String symbol, String number) {
        database.inTransaction(session -> {
            StoredCardEntity entity = card(session, insurer, symbol, number)
                    .orElseGet(() -> new StoredCardEntity(insurer, symbol, number));
            entity.apply(card, StoredTime.of(receivedAt));
            if (entity.getId() == null) {
                session.persist(entity);
            } else {
                session.createMutationQuery("delete from StoredCardPersonEntity p where p.card = :card")
                        .setParameter("card", entity)
                        .executeUpdate();
            }
            int ordinal = 0;
            if (card.getInsured() != null) {
                session.persist(new StoredCardPersonEntity(entity, ordinal++, true, card.getInsured()));
            }
            for (CardPerson dependent : card.getDependent()) {
                session.persist(new StoredCardPersonEntity(entity, ordinal++, false, dependent));
            }
        });
    }

    /** Removes a card (the insurer withdrew it); false if it was not stored. */
    public boolean remove(String insurerNumber, String symbol, String number) {
        return database.fromTransaction(session -> card(session, CardKeys.normalise(insurerNumber),
                CardKeys.normalise(symbol), CardKeys.normalise(number))
                .map(entity -> {
                    session.createMutationQuery("delete from StoredCardPersonEntity p where p.card = :card")
                            .setParameter("card", entity)
                            .executeUpdate();
                    session.remove(entity);
                    return true;
                })
                .orElse(false));
    }

    /** How many cards the center holds for an insurer and when it last received one. */
    public CardStoreSummary summary(String insurerNumber) {
        return database.fromTransaction(session -> {
            Object[] row = session.createSelectionQuery(
                            "select count(c), max(c.centerReceivedAt) from StoredCardEntity c where c.insurerNumber = :n",
                            Object[].class)
                    .setParameter("n", CardKeys.normalise(insurerNumber))
                    .getSingleResult();
            return new CardStoreSummary(((Number) row[0]).longValue(),
                    StoredTime.toOffsetDateTime((LocalDateTime) row[1]));
        });
    }

    private static Optional<StoredCardEntity> card(Session session, String insurer, String symbol, String number) {
        return session.createSelectionQuery("from StoredCardEntity c where c.insurerNumber = :insurer"
                        + " and c.symbol = :symbol and c.number = :number", StoredCardEntity.class)
                .setParameter("insurer", insurer)
                .setParameter("symbol", symbol)
                .setParameter("number", number)
                .uniqueResultOptional();
    }

    private static StoredCard toStoredCard(Session session, StoredCardEntity entity) {
        CardData card = entity.toCardData();
        List<StoredCardPersonEntity> people = session.createSelectionQuery(
                        "from StoredCardPersonEntity p where p.card = :card order by p.ordinal",
                        StoredCardPersonEntity.class)
                .setParameter("card", entity)
                .getResultList();
        for (StoredCardPersonEntity person : people) {
            if (person.isInsured()) {
                card.setInsured(person.toCardPerson());
            } else {
                card.getDependent().add(person.toCardPerson());
            }
        }
        return new StoredCard(card, StoredTime.toOffsetDateTime(entity.getCenterReceivedAt()));
    }
}
