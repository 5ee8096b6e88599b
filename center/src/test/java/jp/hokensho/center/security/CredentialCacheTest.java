package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import jp.hokensho.center.security.PasswordAuthenticatorTest.MovableClock;
import org.junit.jupiter.api.Test;

/** The credential cache: a working day's life, least-recently-used eviction, a new stored hash misses. */
class CredentialCacheTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T00:00:00Z"));

    @Test
    void aVerifiedPasswordIsRememberedForTheWholeConfiguredPeriod() {
        CredentialCache cache = new CredentialCache(Duration.ofHours(8), 10, clock);
        cache.remember("clinic-staff", "Correct-Horse-1", "hash-1");
        clock.advance(Duration.ofHours(7).plusMinutes(59));
        assertTrue(cache.contains("clinic-staff", "Correct-Horse-1", "hash-1"), "still there after hours");
        clock.advance(Duration.ofMinutes(2));
        assertFalse(cache.contains("clinic-staff", "Correct-Horse-1", "hash-1"), "gone after the working day");
    }

    @Test
    void aFullCacheDropsTheLeastRecentlyUsedEntryOnly() {
        CredentialCache cache = new CredentialCache(Duration.ofHours(8), 3, clock);
        cache.remember("a", "pw-a", "hash-a");
        cache.remember("b", "pw-b", "hash-b");
        cache.remember("c", "pw-c", "hash-c");
        assertTrue(cache.contains("a", "pw-a", "hash-a"), "a used again: b is now the least recently used");
        cache.remember("d", "pw-d", "hash-d");
        assertFalse(cache.contains("b", "pw-b", "hash-b"));
        assertTrue(cache.contains("a", "pw-a", "hash-a"));
        assertTrue(cache.contains("c", "pw-c", "hash-c"));
        assertTrue(cache.contains("d", "pw-d", "hash-d"));
    }

    @Test
    void anotherPasswordOrAChangedStoredHashMisses() {
        CredentialCache cache = new CredentialCache(Duration.ofHours(8), 10, clock);
        cache.remember("clinic-staff", "Correct-Horse-1", "hash-1");
        assertFalse(cache.contains("clinic-staff", "Correct-Horse-2", "hash-1"));
        assertFalse(cache.contains("clinic-staff", "Correct-Horse-1", "hash-2"), "password changed on any node");
        assertFalse(cache.contains("clinic-manager", "Correct-Horse-1", "hash-1"));
        assertTrue(cache.contains("clinic-staff", "Correct-Horse-1", "hash-1"));
    }

    @Test
    void forgettingAUserDropsOnlyThatUsersEntries() {
        CredentialCache cache = new CredentialCache(Duration.ofHours(8), 10, clock);
        cache.remember("a", "pw-a", "hash-a");
        cache.remember("b", "pw-b", "hash-b");
        cache.forget("a");
        assertFalse(cache.contains("a", "pw-a", "hash-a"));
        assertTrue(cache.contains("b", "pw-b", "hash-b"));
    }
}
