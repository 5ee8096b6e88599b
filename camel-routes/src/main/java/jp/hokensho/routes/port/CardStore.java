package jp.hokensho.routes.port;

import java.util.Optional;

/** The center's store of pre-stored insurers' cards. */
public interface CardStore {
    /** All arguments are normalised (see {@link jp.hokensho.contract.CardKeys}). */
    Optional<StoredCard> find(String insurerNumber, String symbol, String number);
}
