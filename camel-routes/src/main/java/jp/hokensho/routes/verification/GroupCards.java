package jp.hokensho.routes.verification;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.StoredCard;

/**
 * The cards of a batch group's pre-stored items, read together before the items run (one statement instead of one
 * transaction per item). A key it did not read (its item was normalised differently) is read alone as before; a key
 * it read without finding a card is answered as not held. Read-only once made: the group's items share it.
 */
final class GroupCards {
    private final Set<CardStore.Key> read;
    private final Map<CardStore.Key, StoredCard> found;

    GroupCards(Set<CardStore.Key> read, Map<CardStore.Key, StoredCard> found) {
        this.read = Set.copyOf(read);
        this.found = Map.copyOf(found);
    }

    boolean covers(CardStore.Key key) {
        return read.contains(key);
    }

    Optional<StoredCard> card(CardStore.Key key) {
        return Optional.ofNullable(found.get(key));
    }
}
