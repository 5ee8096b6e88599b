package jp.hokensho.routes.port;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.CardKeys;

/** The center's store of pre-stored insurers' cards. */
public interface CardStore {
    /** All arguments are normalised (see {@link jp.hokensho.contract.CardKeys}). */
    Optional<StoredCard> find(String insurerNumber, String symbol, String number);

    /**
     * The cards held under any of {@code keys}, by key; a key without a card is absent from the map. A batch
     * group's cards are read this way, in as few statements as the store can (one by one unless overridden).
     */
    default Map<Key, StoredCard> findAll(Collection<Key> keys) {
        Map<Key, StoredCard> found = new HashMap<>();
        for (Key key : keys) {
            find(key.insurerNumber(), key.symbol(), key.number()).ifPresent(card -> found.put(key, card));
        }
        return found;
    }

    /** A card's key, normalised as the store keeps it (so equal keys find the same card). */
    record Key(String insurerNumber, String symbol, String number) {
        public static Key of(String insurerNumber, String symbol, String number) {
            return new Key(CardKeys.normalise(insurerNumber), CardKeys.normalise(symbol), CardKeys.normalise(number));
        }
    }
}
