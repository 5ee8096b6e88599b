package jp.hokensho.insurer.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jp.hokensho.contract.registry.CardProblem;
import jp.hokensho.contract.registry.CardRegistryPortType;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.contract.registry.RegistrationResult;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.card.ChangeFeed.ChangedCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One push-sync run for a pre-stored insurer: the cards changed since the cursor, in change order, in chunks
 * to the center's registry; after each acknowledged chunk the cursor moves to it. The registry is idempotent,
 * so resending after a failure midway is harmless and the next run resumes after the last acknowledged chunk.
 */
public final class CardSync {
    private static final Logger LOG = LoggerFactory.getLogger(CardSync.class);

    private final ChangeFeed feed;
    private final SyncCursor cursor;
    private final CardRegistryPortType registry;
    private final int chunkSize;
    private final Clock clock;

    public CardSync(ChangeFeed feed, SyncCursor cursor, CardRegistryPortType registry, int chunkSize, Clock clock) {
        this.feed = feed;
        this.cursor = cursor;
        this.registry = registry;
        this.chunkSize = chunkSize;
        this.clock = clock;
    }

    /** A sync to the registry the settings name (a new client: cheap next to a run, and never stale). */
    public static CardSync connect(AdapterSettings settings, DataSource dataSource) {
        SyncSettings sync = SyncSettings.from(settings);
        return new CardSync(new ChangeFeed(dataSource), new SyncCursor(dataSource),
                RegistryClient.connect(settings, sync), sync.chunkSize(), Clock.systemUTC());
    }

    public SyncReport run(Set<String> insurerNumbers) {
        List<SyncReport.InsurerRun> runs = new ArrayList<>();
        for (String insurer : insurerNumbers) {
            SyncReport.InsurerRun run = runFor(insurer);
            (run.ok() ? LOG.atInfo() : LOG.atWarn()).log("Sync {}", run);
            runs.add(run);
        }
        return new SyncReport(runs);
    }

    private SyncReport.InsurerRun runFor(String insurer) {
        SyncProgress p = new SyncProgress();
        long from = 0;
        try {
            from = cursor.acked(insurer);
            long position = from;
            while (true) {
                ChangeFeed.Chunk chunk = feed.after(insurer, position, chunkSize);
                if (chunk.throughSeq() == position) {
                    break;
                }
                if (!chunk.cards().isEmpty()) {
                    send(insurer, position, chunk, p);
                    if (p.failure != null) {
                        break;
                    }
                } else if (!p.pinned) {
                    cursor.advance(insurer, chunk.throughSeq(), clock.instant());
                }
                position = chunk.throughSeq();
            }
            if (p.failure == null && !p.pinned) {
                cursor.markSuccess(insurer, clock.instant());
            }
            return p.result(insurer, from, cursor.acked(insurer));
        } catch (SQLException e) {
            LOG.error("Sync of insurer {} stopped: the local database failed", insurer, e);
            p.failure = "local database: " + e.getMessage();
            return p.result(insurer, from, from);
        }
    }

    private void send(String insurer, long position, ChangeFeed.Chunk chunk, SyncProgress p) throws SQLException {
        List<CardData> cards = chunk.cards().stream().map(ChangedCard::card).collect(Collectors.toList());
        RegistrationResult result;
        try {
            result = registry.registerCards(insurer, cards);
        } catch (InvalidRequestFault e) {
            p.failure = "the center refused the chunk after change " + position + ": "
                    + (e.getFaultInfo() == null ? e.getMessage() : e.getFaultInfo().getCode() + " "
                    + e.getFaultInfo().getMessage());
            LOG.warn("Sync of insurer {}: {}", insurer, p.failure);
            return;
        } catch (RuntimeException e) {
            // Unreachable, timed out, or a security fault: the chunk counts as not delivered; retry next run.
            p.failure = "the registry call after change " + position + " failed: " + e + rootCause(e);
            LOG.warn("Sync of insurer {}: {}", insurer, p.failure);
            return;
        }
        p.count(cards.size(), result);
        LOG.info("Sync {}: {} cards (changes {}..{}) acknowledged: inserted {}, updated {}, unchanged {}, rejected {}",
                insurer, cards.size(), chunk.cards().get(0).seq(), chunk.throughSeq(), result.getInserted(),
                result.getUpdated(), result.getUnchanged(), result.getRejected());
        List<CardProblem> problems = new ArrayList<>(result.getProblem());
        problems.sort(Comparator.comparingInt(CardProblem::getIndex));
        for (CardProblem problem : problems) {
            // The operator's report names the card; the log only its place in the chunk (no personal data).
            p.problems.add("card " + problem.getSymbol() + "/" + problem.getNumber() + " refused by the center: "
                    + problem.getCode() + " " + problem.getMessage());
            LOG.warn("Sync {}: card {} of the chunk after change {} refused by the center: {}", insurer,
                    problem.getIndex(), position, problem.getCode());
        }
        if (p.pinned) {
            return;
        }
        if (problems.isEmpty()) {
            cursor.advance(insurer, chunk.throughSeq(), clock.instant());
        } else {
            // Acknowledged only up to the card before the first refused one: a later run sends that card again.
            int first = Math.max(1, Math.min(problems.get(0).getIndex(), cards.size()));
            long before = first == 1 ? position : chunk.cards().get(first - 2).seq();
            cursor.advance(insurer, before, clock.instant());
            p.pinned = true;
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : " (" + root + ")";
    }
}
