package jp.hokensho.center.cardstore;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.CardDigest;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.CardStore.Key;
import jp.hokensho.routes.port.StoredCard;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pre-stored insurers' cards, in {@code stored_card} and {@code stored_card_person}. */
public class JpaCardStore implements CardStore {
    private static final Logger LOG = LoggerFactory.getLogger(JpaCardStore.class);

    private static final int KEYS_PER_QUERY = 100;

    private final Database database;
    private final StoredCardReads reads;

    public JpaCardStore(Database database) {
        this.database = database;
        this.reads = new StoredCardReads(database.dataSource());
    }

    @Override
    public Optional<StoredCard> find(String insurerNumber, String symbol, String number) {
        // One statement for the card and its people (a verification's only read of the store), not two; being one
        // statement it needs no transaction around it.
        Key key = Key.of(insurerNumber, symbol, number);
        return Optional.ofNullable(reads.read(List.of(key)).get(key));
    }

    /**
     * A batch group's cards: one statement per {@value #KEYS_PER_QUERY} distinct keys, each card with its people,
     * instead of one transaction per item.
     */
    @Override
    public Map<Key, StoredCard> findAll(Collection<Key> keys) {
        List<Key> distinct = List.copyOf(new LinkedHashSet<>(keys));
        Map<Key, StoredCard> found = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += KEYS_PER_QUERY) {
            found.putAll(reads.read(distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_QUERY))));
        }
        return found;
    }

    /**
     * Stores the card under its normalised keys, atomically: a new card is inserted, an existing one overwritten
     * and its people (insured and dependents) replaced, unless the stored content already has the card's
     * {@link CardDigest}: then nothing is written and the reception time stays. {@code receivedAt} is when the
     * center received it.
     */
    public SaveOutcome save(CardData card, OffsetDateTime receivedAt) {
        String insurer = CardKeys.normalise(card.getInsurerNumber());
        String symbol = CardKeys.normalise(card.getSymbol());
        String number = CardKeys.normalise(card.getNumber());
        try {
            return saveOnce(card, receivedAt, insurer, symbol, number);
        } catch (ConstraintViolationException e) {
            // Two uploads of the same new card raced on the unique key: the second one now updates.
            LOG.debug("A card of insurer {} was inserted concurrently, saving again as an update", insurer);
            return saveOnce(card, receivedAt, insurer, symbol, number);
        }
    }

    private SaveOutcome saveOnce(CardData card, OffsetDateTime receivedAt, String insurer, String symbol,
                                 String number) {
        return database.fromTransaction(session -> {
            Optional<StoredCardEntity> stored = card(session, insurer, symbol, number);
            if (stored.isPresent()
                    && CardDigest.of(toStoredCard(session, stored.get()).card()).equals(CardDigest.of(card))) {
                return SaveOutcome.UNCHANGED;
            }
            StoredCardEntity entity = stored.orElseGet(() -> new StoredCardEntity(insurer, symbol, number));
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
            return stored.isPresent() ? SaveOutcome.UPDATED : SaveOutcome.INSERTED;
        });
    }

    /**
     * Ends a stored card's eligibility from {@code lost} for the whole household, as the insurer changed it at
     * {@code insurerUpdatedAt}; {@code receivedAt} becomes its reception time. False if no such card is held.
     */
    public boolean endEligibility(String insurerNumber, String symbol, String number, LocalDate lost,
                                  OffsetDateTime insurerUpdatedAt, OffsetDateTime receivedAt) {
        return database.fromTransaction(session -> card(session, CardKeys.normalise(insurerNumber),
                CardKeys.normalise(symbol), CardKeys.normalise(number))
                .map(entity -> {
                    entity.endEligibility(lost, StoredTime.of(insurerUpdatedAt), StoredTime.of(receivedAt));
                    return true;
                })
                .orElse(false));
    }

    /**
     * Up to {@code limit} of the insurer's cards in key order (symbol, then number, as the database orders them),
     * after the given key ({@code afterSymbol} null: from the first card; {@code afterNumber} null: from the
     * first card of {@code afterSymbol}), each with the digest of its stored content.
     */
    public List<HeldCardDigest> digests(String insurerNumber, String afterSymbol, String afterNumber, int limit) {
        return database.fromTransaction(session -> {
            String where = afterSymbol == null ? ""
                    : " and (c.symbol > :afterSymbol or (c.symbol = :afterSymbol and c.number > :afterNumber))";
            var query = session.createSelectionQuery("from StoredCardEntity c where c.insurerNumber = :insurer"
                            + where + " order by c.symbol, c.number", StoredCardEntity.class)
                    .setParameter("insurer", CardKeys.normalise(insurerNumber))
                    .setMaxResults(limit);
            if (afterSymbol != null) {
                query.setParameter("afterSymbol", CardKeys.normalise(afterSymbol))
                        .setParameter("afterNumber", afterNumber == null ? "" : CardKeys.normalise(afterNumber));
            }
            List<StoredCardEntity> cards = query.getResultList();
            Map<Long, CardData> byId = new LinkedHashMap<>();
            cards.forEach(entity -> byId.put(entity.getId(), entity.toCardData()));
            if (!cards.isEmpty()) {
                // One query for the people of the whole page, in card and position order.
                session.createSelectionQuery("from StoredCardPersonEntity p where p.card in :cards"
                                + " order by p.ordinal", StoredCardPersonEntity.class)
                        .setParameter("cards", cards)
                        .getResultList()
                        .forEach(person -> addPerson(byId.get(person.cardId()), person));
            }
            List<HeldCardDigest> page = new ArrayList<>();
            for (CardData card : byId.values()) {
                page.add(new HeldCardDigest(card.getSymbol(), card.getNumber(), card.getInsurerUpdatedAt(),
                        CardDigest.of(card)));
            }
            return page;
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

    /** How many cards the center holds for an insurer, when it last received one and the latest insurer update. */
    public CardStoreSummary summary(String insurerNumber) {
        return database.fromTransaction(session -> {
            Object[] row = session.createSelectionQuery("select count(c), max(c.centerReceivedAt),"
                            + " max(c.insurerUpdatedAt) from StoredCardEntity c where c.insurerNumber = :n",
                            Object[].class)
                    .setParameter("n", CardKeys.normalise(insurerNumber))
                    .getSingleResult();
            return new CardStoreSummary(((Number) row[0]).longValue(),
                    StoredTime.toOffsetDateTime((LocalDateTime) row[1]),
                    StoredTime.toOffsetDateTime((LocalDateTime) row[2]));
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
            addPerson(card, person);
        }
        return new StoredCard(card, StoredTime.toOffsetDateTime(entity.getCenterReceivedAt()));
    }

    static void addPerson(CardData card, StoredCardPersonEntity person) {
        if (person.isInsured()) {
            card.setInsured(person.toCardPerson());
        } else {
            card.getDependent().add(person.toCardPerson());
        }
    }
}
