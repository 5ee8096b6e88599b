package jp.hokensho.insurer.sync;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.hokensho.contract.CardDigest;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.CardDigestEntry;
import jp.hokensho.contract.registry.CardDigestPage;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.card.ChangeFeed.ChangedCard;
import jp.hokensho.insurer.sync.ReconciliationReport.Difference;
import jp.hokensho.insurer.sync.ReconciliationReport.Kind;

/**
 * Compares what the center holds for an insurer (its card digests, page by page) with the adapter's cards,
 * by the shared {@link CardDigest}, without shipping the cards themselves.
 */
public final class Reconciliation {
    private record Held(String symbol, String number, OffsetDateTime updatedAt, String digest) {
    }

    private final ChangeFeed feed;
    private final CardRegistryPortType registry;
    private final int pageSize;

    public Reconciliation(ChangeFeed feed, CardRegistryPortType registry, int pageSize) {
        this.feed = feed;
        this.registry = registry;
        this.pageSize = Math.min(Math.max(pageSize, 1), SyncSettings.MAX_CHUNK);
    }

    public ReconciliationReport compare(String insurerNumber) throws SQLException, InvalidRequestFault {
        Map<String, Held> local = local(insurerNumber);
        Map<String, Held> center = center(insurerNumber);
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<String, Held> e : local.entrySet()) {
            Held mine = e.getValue();
            Held theirs = center.get(e.getKey());
            if (theirs == null) {
                differences.add(new Difference(Kind.MISSING_AT_CENTER, mine.symbol(), mine.number(),
                        mine.updatedAt(), null));
            } else if (!mine.digest().equals(theirs.digest())) {
                differences.add(new Difference(Kind.CONTENT_DIFFERS, mine.symbol(), mine.number(),
                        mine.updatedAt(), theirs.updatedAt()));
            }
        }
        for (Map.Entry<String, Held> e : center.entrySet()) {
            if (!local.containsKey(e.getKey())) {
                Held theirs = e.getValue();
                differences.add(new Difference(Kind.ONLY_AT_CENTER, theirs.symbol(), theirs.number(), null,
                        theirs.updatedAt()));
            }
        }
        return new ReconciliationReport(insurerNumber, local.size(), center.size(), differences);
    }

    private Map<String, Held> local(String insurer) throws SQLException {
        Map<String, Held> cards = new LinkedHashMap<>();
        long position = 0;
        while (true) {
            ChangeFeed.Chunk chunk = feed.after(insurer, position, pageSize);
            if (chunk.throughSeq() == position) {
                return cards;
            }
            for (ChangedCard c : chunk.cards()) {
                cards.put(key(c.card().getSymbol(), c.card().getNumber()), new Held(c.card().getSymbol(),
                        c.card().getNumber(), c.card().getInsurerUpdatedAt(), CardDigest.of(c.card())));
            }
            position = chunk.throughSeq();
        }
    }

    private Map<String, Held> center(String insurer) throws InvalidRequestFault {
        Map<String, Held> cards = new LinkedHashMap<>();
        String afterSymbol = null;
        String afterNumber = null;
        while (true) {
            CardDigestPage page = registry.listCardDigests(insurer, afterSymbol, afterNumber, pageSize);
            for (CardDigestEntry e : page.getEntry()) {
                cards.put(key(e.getSymbol(), e.getNumber()),
                        new Held(e.getSymbol(), e.getNumber(), e.getInsurerUpdatedAt(), e.getDigest()));
            }
            // An empty page ends the listing even if "more" says otherwise: never loop on the same position.
            if (!page.isMore() || page.getEntry().isEmpty()) {
                return cards;
            }
            CardDigestEntry last = page.getEntry().get(page.getEntry().size() - 1);
            afterSymbol = last.getSymbol();
            afterNumber = last.getNumber();
        }
    }

    private static String key(String symbol, String number) {
        return CardKeys.normalise(symbol) + "\u0000" + CardKeys.normalise(number);
    }
}
