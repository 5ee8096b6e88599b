package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jp.hokensho.contract.types.CardData;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardEnding;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CardRepository.SaveOutcome;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.card.ChangeSequence;
import jp.hokensho.insurer.sync.SyncCursor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change sequence, the change feed and the sync cursor, run against each database the adapter supports.
 */
abstract class ChangeTrackingContract {
    static final Instant NOW = Instant.parse("2025-10-02T01:00:00Z");

    protected abstract AdapterDatabase database();

    CardRepository repository;
    ChangeFeed feed;

    @BeforeEach
    void emptyStore() throws SQLException {
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM insurer_card_person");
            s.executeUpdate("DELETE FROM insurer_card");
            s.executeUpdate("DELETE FROM sync_state");
        }
        repository = new CardRepository(database().dataSource());
        feed = new ChangeFeed(database().dataSource());
    }

    @Test
    void insertsAndChangesTakeIncreasingNumbersAndIdenticalSavesTakeNone() throws Exception {
        long start = counter();
        CardData card = CardStoreContract.card("東京", "1", "保険 一");
        assertEquals(SaveOutcome.INSERTED, repository.saveHousehold(card));
        long inserted = seqOf("1");
        assertEquals(start + 1, inserted);

        assertEquals(SaveOutcome.UNCHANGED, repository.saveHousehold(card));
        assertEquals(inserted, seqOf("1"));
        assertEquals(start + 1, counter(), "an identical save takes no number");

        card.getInsured().setName("保険 一郎");
        assertEquals(SaveOutcome.UPDATED, repository.saveHousehold(card));
        assertEquals(start + 2, seqOf("1"));
    }

    @Test
    void endingTakesANumberOnceAndRefusesADayBeforeTheQualification() throws Exception {
        CardData card = CardStoreContract.card("東京", "2", "保険 二");
        card.setQualificationAcquired(LocalDate.of(2004, 4, 1));
        repository.saveHousehold(card);
        long before = seqOf("2");
        CardEnding ending = new CardEnding(database().dataSource());

        assertEquals(CardEnding.Outcome.ENDED, ending.end("00000001", "東京", "２", LocalDate.of(2025, 10, 1), NOW));
        long ended = seqOf("2");
        assertTrue(ended > before);
        CardData stored = repository.find("00000001", "東京", "2").orElseThrow();
        assertEquals(LocalDate.of(2025, 10, 1), stored.getQualificationLost());
        assertEquals(NOW, stored.getInsurerUpdatedAt().toInstant(), "the insurer changed the card now");

        assertEquals(CardEnding.Outcome.UNCHANGED, ending.end("00000001", "東京", "2", LocalDate.of(2025, 10, 1), NOW));
        assertEquals(ended, seqOf("2"));
        assertEquals(CardEnding.Outcome.NOT_FOUND, ending.end("00000001", "東京", "3", LocalDate.of(2025, 10, 1), NOW));
        assertThrows(IllegalArgumentException.class,
                () -> ending.end("00000001", "東京", "2", LocalDate.of(2000, 1, 1), NOW));
        assertEquals(ended, seqOf("2"));
    }

    @Test
    void theFeedGivesCurrentCardsInChangeOrderAChunkAtATime() throws Exception {
        for (int n = 1; n <= 5; n++) {
            repository.saveHousehold(CardStoreContract.card("京都", String.valueOf(n), "京都 " + n));
        }
        CardData second = CardStoreContract.card("京都", "2", "京都 二 改");
        repository.saveHousehold(second);
        long start = seqOf("京都", "1") - 1;

        ChangeFeed.Chunk first = feed.after("00000001", start, 2);
        assertEquals(List.of("1", "3"), numbers(first));
        ChangeFeed.Chunk next = feed.after("00000001", first.throughSeq(), 2);
        assertEquals(List.of("4", "5"), numbers(next));
        ChangeFeed.Chunk last = feed.after("00000001", next.throughSeq(), 2);
        assertEquals(List.of("2"), numbers(last), "the changed card comes last, once");
        assertEquals("京都 二 改", last.cards().get(0).card().getInsured().getName());
        assertEquals(counter(), last.throughSeq());
        ChangeFeed.Chunk end = feed.after("00000001", last.throughSeq(), 2);
        assertTrue(end.cards().isEmpty());
        assertEquals(last.throughSeq(), end.throughSeq());
        assertTrue(feed.after("99999999", 0, 2).cards().isEmpty(), "only the insurer's own cards");
    }

    @Test
    void theCursorStartsAtZeroAndNeverMovesBack() throws Exception {
        SyncCursor cursor = new SyncCursor(database().dataSource());
        assertEquals(0, cursor.acked("33120015"));
        assertTrue(cursor.lastSuccess("33120015").isEmpty());
        cursor.advance("33120015", 7, NOW);
        cursor.advance("33120015", 5, NOW);
        assertEquals(7, cursor.acked("33120015"));
        cursor.markSuccess("33120015", NOW);
        assertEquals(NOW, cursor.lastSuccess("33120015").orElseThrow());
        assertEquals(0, cursor.acked("06130312"), "each insurer has its own cursor");
    }

    @Test
    void aWriterWaitsForTheHolderOfTheCounterSoNumbersCommitInOrder() throws Exception {
        CountDownLatch numbered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> {
            try (Connection c = database().dataSource().getConnection()) {
                c.setAutoCommit(false);
                long seq = ChangeSequence.next(c);
                numbered.countDown();
                release.await(10, TimeUnit.SECONDS);
                c.commit();
                return seq;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(numbered.await(10, TimeUnit.SECONDS));
        CompletableFuture<SaveOutcome> writer = CompletableFuture.supplyAsync(() -> {
            try {
                return repository.saveHousehold(CardStoreContract.card("奈良", "1", "奈良 一"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!writer.isDone(), "the second writer waits for the first one's commit");
        release.countDown();
        long first = holder.get(10, TimeUnit.SECONDS);
        assertEquals(SaveOutcome.INSERTED, writer.get(10, TimeUnit.SECONDS));
        assertEquals(first + 1, seqOf("奈良", "1"));
    }

    private static List<String> numbers(ChangeFeed.Chunk chunk) {
        return chunk.cards().stream().map(c -> c.card().getNumber()).collect(Collectors.toList());
    }

    private long seqOf(String number) throws SQLException {
        return seqOf("東京", number);
    }

    private long seqOf(String symbol, String number) throws SQLException {
        try (Connection c = database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT change_seq FROM insurer_card WHERE symbol = ? AND card_number = ?")) {
            ps.setString(1, symbol);
            ps.setString(2, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), symbol + "/" + number + " stored");
                return rs.getLong(1);
            }
        }
    }

    private long counter() throws SQLException {
        try (Connection c = database().dataSource().getConnection()) {
            return ChangeSequence.current(c);
        }
    }
}
