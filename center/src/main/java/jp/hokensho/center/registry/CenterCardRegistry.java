package jp.hokensho.center.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.center.cardstore.CardStoreSummary;
import jp.hokensho.center.cardstore.HeldCardDigest;
import jp.hokensho.center.cardstore.JpaCardStore;
import jp.hokensho.center.cardstore.SaveOutcome;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.CardDigestEntry;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.CardProblem;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.registry.RegistryStatus;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.port.CardRegistryPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center's card registry: validates each registered card ({@link CardValidator}), applies each valid one
 * atomically through {@link JpaCardStore} (one reception time for the whole request) and reports the others
 * per card by their 1-based position; the store answers status and digest pages.
 */
public final class CenterCardRegistry implements CardRegistryPort {
    private static final Logger LOG = LoggerFactory.getLogger(CenterCardRegistry.class);

    private final JpaCardStore store;
    private final Clock clock;
    private final CardValidator validator = new CardValidator();

    public CenterCardRegistry(JpaCardStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public RegistrationResult register(String insurerNumber, List<CardData> cards) {
        RegistrationResult result = new RegistrationResult();
        OffsetDateTime receivedAt = now();
        result.setReceivedAt(receivedAt);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < cards.size(); i++) {
            CardData card = cards.get(i);
            int index = i + 1;
            Optional<CardValidator.Problem> problem = validator.check(insurerNumber, card);
            if (problem.isEmpty()) {
                Integer first = seen.putIfAbsent(CardKeys.normalise(card.getSymbol()) + '\u001f'
                        + CardKeys.normalise(card.getNumber()), index);
                if (first != null) {
                    problem = Optional.of(new CardValidator.Problem("DUPLICATE_CARD",
                            "symbol/number: the same card is card " + first + " of this request"));
                }
            }
            if (problem.isPresent()) {
                reject(result, index, card, problem.get());
                continue;
            }
            try {
                SaveOutcome outcome = store.save(card, receivedAt);
                switch (outcome) {
                    case INSERTED -> result.setInserted(result.getInserted() + 1);
                    case UPDATED -> result.setUpdated(result.getUpdated() + 1);
                    case UNCHANGED -> result.setUnchanged(result.getUnchanged() + 1);
                }
            } catch (RuntimeException e) {
                LOG.error("card {} of insurer {} could not be stored", index, insurerNumber, e);
                reject(result, index, card, new CardValidator.Problem("NOT_STORED",
                        "the card could not be stored; nothing of it was changed, send it again"));
            }
        }
        return result;
    }

    @Override
    public Optional<OffsetDateTime> endEligibility(String insurerNumber, String symbol, String number,
                                                   LocalDate qualificationLost, OffsetDateTime insurerUpdatedAt) {
        OffsetDateTime receivedAt = now();
        return store.endEligibility(insurerNumber, symbol, number, qualificationLost, insurerUpdatedAt, receivedAt)
                ? Optional.of(receivedAt) : Optional.empty();
    }

    @Override
    public RegistryStatus status(String insurerNumber) {
        CardStoreSummary summary = store.summary(insurerNumber);
        RegistryStatus status = new RegistryStatus();
        status.setInsurerNumber(insurerNumber);
        status.setCardCount(summary.cards());
        status.setLastInsurerUpdatedAt(summary.lastInsurerUpdatedAt());
        status.setLastReceivedAt(summary.lastReceivedAt());
        return status;
    }

    @Override
    public CardDigestPage digests(String insurerNumber, String afterSymbol, String afterNumber, int limit) {
        // One more than asked tells whether another page follows.
        List<HeldCardDigest> held = store.digests(insurerNumber, afterSymbol, afterNumber, limit + 1);
        CardDigestPage page = new CardDigestPage();
        page.setMore(held.size() > limit);
        for (HeldCardDigest card : held.subList(0, Math.min(limit, held.size()))) {
            CardDigestEntry entry = new CardDigestEntry();
            entry.setSymbol(card.symbol());
            entry.setNumber(card.number());
            entry.setInsurerUpdatedAt(card.insurerUpdatedAt());
            entry.setDigest(card.digest());
            page.getEntry().add(entry);
        }
        return page;
    }

    /** UTC to the microsecond, as a DATETIME(6) column keeps it, so the answer equals what is stored. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static void reject(RegistrationResult result, int index, CardData card, CardValidator.Problem problem) {
        CardProblem reported = new CardProblem();
        reported.setIndex(index);
        reported.setSymbol(card.getSymbol());
        reported.setNumber(card.getNumber());
        reported.setCode(problem.code());
        reported.setMessage(problem.message());
        result.getProblem().add(reported);
        result.setRejected(result.getRejected() + 1);
    }
}
