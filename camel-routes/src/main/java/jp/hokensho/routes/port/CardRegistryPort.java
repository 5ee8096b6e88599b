package jp.hokensho.routes.port;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.registry.RegistryStatus;
import jp.hokensho.contract.types.CardData;

/**
 * The center's card registry of pre-stored insurers (CardRegistryService). The routes call it only after the
 * caller was authorised for the insurer, and with the insurer number normalised; the implementation validates
 * each card, applies each one atomically and reports problems per card.
 */
public interface CardRegistryPort {
    /** Registers or updates the cards, each on its own; problems are counted as rejected and reported by index. */
    RegistrationResult register(String insurerNumber, List<CardData> cards);

    /**
     * Ends a card's eligibility from {@code qualificationLost} (its 資格喪失日).
     *
     * @param symbol normalised, as is {@code number}
     * @return when the center received the change; empty when the insurer holds no such card at the center
     */
    Optional<OffsetDateTime> endEligibility(String insurerNumber, String symbol, String number,
                                            LocalDate qualificationLost, OffsetDateTime insurerUpdatedAt);

    /** How many cards the center holds for the insurer, and when they were last changed and received. */
    RegistryStatus status(String insurerNumber);

    /**
     * The held cards in key order (symbol, then number), starting after the given key.
     *
     * @param afterSymbol normalised; null to start at the first card
     * @param afterNumber normalised; null to start at the first card of {@code afterSymbol}
     */
    CardDigestPage digests(String insurerNumber, String afterSymbol, String afterNumber, int limit);
}
