package jp.hokensho.routes.registry;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.hokensho.contract.registry.CardDigestEntry;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.registry.RegistryStatus;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.routes.port.CardRegistryPort;

/** An in-memory card registry recording every call it gets (as "operation|arguments…"). */
public final class RegistryDouble implements CardRegistryPort {
    public static final OffsetDateTime RECEIVED_AT = OffsetDateTime.of(2026, 4, 1, 1, 2, 3, 0, ZoneOffset.UTC);

    public final List<String> calls = new ArrayList<>();
    /** Cards endEligibility knows, as "insurer|symbol|number". */
    public final List<String> known = new ArrayList<>();

    @Override
    public RegistrationResult register(String insurerNumber, List<CardData> cards) {
        calls.add("registerCards|" + insurerNumber + "|" + cards.size());
        RegistrationResult result = new RegistrationResult();
        result.setInserted(cards.size());
        result.setReceivedAt(RECEIVED_AT);
        return result;
    }

    @Override
    public Optional<OffsetDateTime> endEligibility(String insurerNumber, String symbol, String number,
                                                   LocalDate qualificationLost, OffsetDateTime insurerUpdatedAt) {
        calls.add("endEligibility|" + insurerNumber + "|" + symbol + "|" + number + "|" + qualificationLost);
        return known.contains(insurerNumber + "|" + symbol + "|" + number) ? Optional.of(RECEIVED_AT)
                : Optional.empty();
    }

    @Override
    public RegistryStatus status(String insurerNumber) {
        calls.add("getRegistryStatus|" + insurerNumber);
        RegistryStatus status = new RegistryStatus();
        status.setInsurerNumber(insurerNumber);
        status.setCardCount(known.size());
        return status;
    }

    @Override
    public CardDigestPage digests(String insurerNumber, String afterSymbol, String afterNumber, int limit) {
        calls.add("listCardDigests|" + insurerNumber + "|" + afterSymbol + "|" + afterNumber + "|" + limit);
        CardDigestPage page = new CardDigestPage();
        CardDigestEntry entry = new CardDigestEntry();
        entry.setSymbol("大阪");
        entry.setNumber("100");
        entry.setDigest("0".repeat(64));
        page.getEntry().add(entry);
        return page;
    }
}
