package jp.hokensho.center.cardstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.CardDigest;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.CardData;
import jp.hokensho.contract.types.CardPerson;
import jp.hokensho.contract.types.Relationship;
import jp.hokensho.contract.types.Sex;
import jp.hokensho.routes.port.CardStore;
import jp.hokensho.routes.port.StoredCard;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The card store keeps pre-stored cards under normalised keys, Japanese text intact, on H2 and MariaDB. */
class JpaCardStoreTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabases.Vendor.H2);
        }
    }

    @Nested
    class OnMariaDb extends Contract {
        OnMariaDb() {
            super(TestDatabases.Vendor.MARIADB);
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        private static final OffsetDateTime RECEIVED =
                OffsetDateTime.of(2005, 7, 1, 9, 0, 0, 987_654_321, ZoneOffset.ofHours(9));
        private JpaCardStore store;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void emptyStore() {
            sql("DELETE FROM stored_card_person");
            sql("DELETE FROM stored_card");
            store = new JpaCardStore(database);
        }

        @Test
        void storesFullWidthKeysNormalisedAndFindsThemHalfWidth() {
            store.save(TestCards.uenoFamily("０００００００１", " 東京 ", "００１"), RECEIVED);

            assertEquals(1L, ((Number) queryValue("SELECT COUNT(*) FROM stored_card WHERE insurer_number = ?"
                    + " AND card_symbol = ? AND card_number = ?", "00000001", "東京", "001")).longValue());
            assertTrue(store.find("00000001", "東京", "001").isPresent());
        }

        @Test
        void returnsTheWholeHouseholdWithJapaneseTextAndTimesIntact() {
            store.save(TestCards.uenoFamily("00000001", "東京", "001"), RECEIVED);

            StoredCard stored = store.find("00000001", "東京", "001").orElseThrow();
            CardData card = stored.card();
            assertEquals("NTTコムウェア", card.getEmployer().getName());
            assertEquals("東京都港区港南1-9-1", card.getEmployer().getAddress());
            assertEquals("上野 太郎", card.getInsured().getName());
            assertEquals("ウエノ タロウ", card.getInsured().getNameKana());
            assertEquals(Sex.MALE, card.getInsured().getSex());
            assertEquals(List.of("上野 一子", "上野 次子", "上野 三郎", "上野 四郎", "上野 五郎"),
                    card.getDependent().stream().map(CardPerson::getName).toList());
            assertEquals(List.of("01", "02", "03", "04", "05"),
                    card.getDependent().stream().map(CardPerson::getBranchNumber).toList());
            assertEquals(Relationship.FATHER, card.getDependent().get(4).getRelationship());
            assertEquals(30, card.getCopaymentPercent());
            assertEquals(java.time.LocalDate.of(2010, 3, 31), card.getValidTo());
            // Stored to the microsecond, returned in UTC: the same instant.
            assertEquals(RECEIVED.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    stored.receivedAt().toInstant());
            assertEquals(OffsetDateTime.of(2005, 6, 30, 9, 15, 0, 123_456_000, ZoneOffset.UTC),
                    card.getInsurerUpdatedAt());
        }

        @Test
        void findsManyCardsAtOnceAsEachAloneWouldAndLeavesOutKeysWithoutACard() {
            // More keys than one statement takes: the store reads them in several.
            List<CardStore.Key> keys = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                String number = String.format("%03d", i);
                if (i % 3 != 0) {
                    store.save(TestCards.uenoFamily("00000001", "東京", number), RECEIVED);
                }
                keys.add(CardStore.Key.of("00000001", "東京", number));
            }
            CardData bare = TestCards.uenoFamily("00000001", "大阪", "001");
            bare.setInsured(null);
            bare.getDependent().clear();
            store.save(bare, RECEIVED);
            keys.add(CardStore.Key.of("００００００01", " 大阪 ", "００1"));
            keys.add(keys.get(1)); // twice: found once

            Map<CardStore.Key, StoredCard> found = store.findAll(keys);

            assertEquals(130 - 44 + 1, found.size());
            for (CardStore.Key key : keys) {
                Optional<StoredCard> alone = store.find(key.insurerNumber(), key.symbol(), key.number());
                assertEquals(alone.isPresent(), found.containsKey(key), key.toString());
                if (alone.isPresent() && alone.get().card().getInsured() == null) {
                    // CardDigest needs an insured person: the card without people is compared field by field.
                    CardData one = alone.get().card();
                    CardData many = found.get(key).card();
                    assertNull(many.getInsured(), key.toString());
                    assertEquals(List.of(), many.getDependent(), key.toString());
                    assertEquals(one.getValidFrom(), many.getValidFrom(), key.toString());
                    assertEquals(one.getValidTo(), many.getValidTo(), key.toString());
                    assertEquals(one.getCopaymentPercent(), many.getCopaymentPercent(), key.toString());
                    assertEquals(alone.get().receivedAt(), found.get(key).receivedAt());
                } else if (alone.isPresent()) {
                    assertEquals(CardDigest.of(alone.get().card()), CardDigest.of(found.get(key).card()),
                            key.toString());
                    assertEquals(alone.get().receivedAt(), found.get(key).receivedAt());
                }
            }
            assertEquals(5, found.get(keys.get(1)).card().getDependent().size(), "the people of each card, once");
            assertNull(found.get(CardStore.Key.of("00000001", "大阪", "001")).card().getInsured());
            assertTrue(store.findAll(List.of()).isEmpty());
        }

        @Test
        void findsACardWithoutPeople() {
            CardData bare = TestCards.uenoFamily("00000001", "東京", "002");
            bare.setInsured(null);
            bare.getDependent().clear();
            store.save(bare, RECEIVED);

            CardData card = store.find("00000001", "東京", "002").orElseThrow().card();
            assertNull(card.getInsured());
            assertTrue(card.getDependent().isEmpty());
            assertEquals("NTTコムウェア", card.getEmployer().getName());
        }

        @Test
        void savingAgainReplacesTheCardAndItsDependents() {
            store.save(TestCards.uenoFamily("00000001", "東京", "001"), RECEIVED);
            CardData update = TestCards.uenoFamily("00000001", "東京", "001");
            update.getDependent().clear();
            update.getDependent().add(TestCards.person("01", "上野 一子", null, Sex.FEMALE,
                    java.time.LocalDate.of(1960, 8, 1), Relationship.SPOUSE));
            update.setQualificationLost(java.time.LocalDate.of(2009, 12, 31));
            store.save(update, RECEIVED.plusDays(1));

            CardData card = store.find("00000001", "東京", "001").orElseThrow().card();
            assertEquals(1, card.getDependent().size());
            assertEquals(java.time.LocalDate.of(2009, 12, 31), card.getQualificationLost());
            assertEquals(1L, ((Number) queryValue("SELECT COUNT(*) FROM stored_card")).longValue());
            assertEquals(2L, ((Number) queryValue("SELECT COUNT(*) FROM stored_card_person")).longValue());
        }

        @Test
        void distinguishesKanaAndKanjiThatCaseInsensitiveCollationsConfuse() {
            store.save(withInsured(TestCards.uenoFamily("00000001", "ハ", "1"), "ハ"), RECEIVED);
            store.save(withInsured(TestCards.uenoFamily("00000001", "パ", "1"), "パ"), RECEIVED);
            store.save(withInsured(TestCards.uenoFamily("00000001", "𠮷田", "1"), "𠮷田"), RECEIVED);
            store.save(withInsured(TestCards.uenoFamily("00000001", "吉田", "1"), "吉田"), RECEIVED);
            store.save(withInsured(TestCards.uenoFamily("00000001", "は", "1"), "は"), RECEIVED);

            assertEquals(5L, ((Number) queryValue("SELECT COUNT(*) FROM stored_card")).longValue());
            for (String symbol : List.of("ハ", "パ", "𠮷田", "吉田", "は")) {
                assertEquals(symbol, store.find("00000001", symbol, "1").orElseThrow().card().getInsured().getName());
            }
            assertFalse(store.find("00000001", "バ", "1").isPresent());
        }

        @Test
        void removesACardAndSummarisesAnInsurer() {
            store.save(TestCards.uenoFamily("00000001", "東京", "001"), RECEIVED);
            store.save(TestCards.uenoFamily("00000001", "東京", "002"), RECEIVED.plusHours(1));

            CardStoreSummary summary = store.summary("00000001");
            assertEquals(2, summary.cards());
            assertEquals(RECEIVED.plusHours(1).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    summary.lastReceivedAt().toInstant());
            assertTrue(store.remove("00000001", "東京", "002"));
            assertFalse(store.remove("00000001", "東京", "002"));
            assertEquals(1, store.summary("00000001").cards());
            assertNull(store.summary("99999999").lastReceivedAt());
        }

        @Test
        void savingTheSameContentAgainIsUnchangedAndKeepsTheReceptionTime() {
            assertEquals(SaveOutcome.INSERTED, store.save(TestCards.uenoFamily("00000001", "東京", "001"), RECEIVED));
            // Same content typed differently (full-width keys, dependents reordered): still the same digest.
            CardData again = TestCards.uenoFamily("00000001", "東京", "００１");
            java.util.Collections.reverse(again.getDependent());
            assertEquals(SaveOutcome.UNCHANGED, store.save(again, RECEIVED.plusDays(1)));
            assertEquals(RECEIVED.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    store.find("00000001", "東京", "001").orElseThrow().receivedAt().toInstant());

            CardData changed = TestCards.uenoFamily("00000001", "東京", "001");
            changed.getDependent().get(0).setNameKana("ウエノ イチコ");
            assertEquals(SaveOutcome.UPDATED, store.save(changed, RECEIVED.plusDays(2)));
            StoredCard stored = store.find("00000001", "東京", "001").orElseThrow();
            assertEquals("ウエノ イチコ", stored.card().getDependent().get(0).getNameKana());
            assertEquals(RECEIVED.plusDays(2).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                    stored.receivedAt().toInstant());
        }

        @Test
        void endsEligibilityOfAStoredCardOnly() {
            store.save(TestCards.uenoFamily("00000001", "東京", "001"), RECEIVED);
            OffsetDateTime changedAt = OffsetDateTime.of(2005, 8, 1, 9, 0, 0, 0, ZoneOffset.ofHours(9));

            assertTrue(store.endEligibility("00000001", "東京", "００１", java.time.LocalDate.of(2005, 8, 31), changedAt,
                    RECEIVED.plusDays(30)));
            assertFalse(store.endEligibility("00000001", "東京", "999", java.time.LocalDate.of(2005, 8, 31), changedAt,
                    RECEIVED));
            StoredCard stored = store.find("00000001", "東京", "001").orElseThrow();
            assertEquals(java.time.LocalDate.of(2005, 8, 31), stored.card().getQualificationLost());
            assertEquals(changedAt.toInstant(), stored.card().getInsurerUpdatedAt().toInstant());
            assertEquals(6, 1 + stored.card().getDependent().size(), "the household is kept");
            CardStoreSummary summary = store.summary("00000001");
            assertEquals(changedAt.toInstant(), summary.lastInsurerUpdatedAt().toInstant());
        }

        @Test
        void listsDigestsInKeyOrderPageByPage() {
            List<String> symbols = List.of("東京", "大阪", "𠮷田", "吉田");
            for (String symbol : symbols) {
                for (String number : List.of("2", "10", "1")) {
                    store.save(TestCards.uenoFamily("00000001", symbol, number), RECEIVED);
                }
            }
            store.save(TestCards.uenoFamily("33120015", "東京", "1"), RECEIVED);

            List<HeldCardDigest> all = new java.util.ArrayList<>();
            String afterSymbol = null;
            String afterNumber = null;
            for (int page = 0; page < 10; page++) {
                List<HeldCardDigest> got = store.digests("00000001", afterSymbol, afterNumber, 5);
                if (got.isEmpty()) {
                    break;
                }
                all.addAll(got);
                afterSymbol = got.get(got.size() - 1).symbol();
                afterNumber = got.get(got.size() - 1).number();
            }
            assertEquals(12, all.size(), "every card once, only this insurer's");
            assertEquals(12, all.stream().map(d -> d.symbol() + "/" + d.number()).distinct().count());
            for (int i = 1; i < all.size(); i++) {
                HeldCardDigest before = all.get(i - 1);
                HeldCardDigest next = all.get(i);
                assertTrue(before.symbol().equals(next.symbol()) ? before.number().compareTo(next.number()) < 0
                        : !next.symbol().equals(before.symbol()), before + " then " + next);
            }
            HeldCardDigest first = all.stream().filter(d -> d.symbol().equals("𠮷田") && d.number().equals("10"))
                    .findFirst().orElseThrow();
            assertEquals(jp.hokensho.contract.CardDigest.of(TestCards.uenoFamily("00000001", "𠮷田", "10")),
                    first.digest());
        }

        private static CardData withInsured(CardData card, String name) {
            card.getInsured().setName(name);
            return card;
        }
    }
}
