package io.xmppgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.TestClock;

/** {@link SharedStoreScenario} on the memory store, and its bounds. */
class MemoryStoreTest extends SharedStoreScenario {

    private final TestClock clock = new TestClock();
    private final MemoryStore store = new MemoryStore(clock, 1_000, 1 << 20);

    MemoryStoreTest() {
        clock.set(Instant.parse("2026-11-21T12:00:00Z"));
    }

    @Override
    SharedStore store() {
        return store;
    }

    @Override
    void pass(Duration ttl) {
        clock.set(clock.instant().plus(ttl));
    }

    @Override
    Duration shortTtl() {
        return Duration.ofSeconds(30);
    }

    @Override
    Instant later() {
        return clock.instant().plus(Duration.ofHours(1));
    }

    @Test
    void countersGoAtTheirExpiry() {
        Instant midnight = Instant.parse("2026-11-22T00:00:00Z");
        await(store.addWithinCaps("quota:2026-11-21", Map.of("invitations", 1L), Map.of(), midnight));
        clock.set(midnight.minusMillis(1));
        assertEquals(Map.of("invitations", 1L), await(store.counters("quota:2026-11-21")));
        clock.set(midnight);
        assertEquals(Map.of(), await(store.counters("quota:2026-11-21")));
    }

    @Test
    void theOldestEvictableValuesMakeRoomAndKeptOnesNever() {
        MemoryStore small = new MemoryStore(clock, 3, Long.MAX_VALUE);
        await(small.putIfAbsent("claim", "c", Duration.ofMinutes(1), Retention.KEEP));
        await(small.putIfAbsent("old", "a", Duration.ofMinutes(1), Retention.EVICTABLE));
        await(small.putIfAbsent("new", "a", Duration.ofMinutes(1), Retention.EVICTABLE));
        await(small.putIfAbsent("newest", "a", Duration.ofMinutes(1), Retention.KEEP));
        assertEquals(3, small.size());
        assertEquals(Optional.empty(), await(small.get("old")));
        await(small.putIfAbsent("another", "a", Duration.ofMinutes(1), Retention.KEEP));
        assertEquals(Optional.empty(), await(small.get("new")));
        StoreFullException full = assertThrows(StoreFullException.class,
                () -> await(small.putIfAbsent("one more", "a", Duration.ofMinutes(1), Retention.KEEP)));
        assertEquals(3, full.maxKeys());
        assertTrue(await(small.replaceIfEquals("claim", "c", "answer", Duration.ofMinutes(1), Retention.EVICTABLE)),
                "replacing takes no new room");
    }

    @Test
    void bytesAreBoundedByDroppingTheOldestEvictableValues() {
        long one = MemoryStore.ENTRY_BYTES + 2L * ("k1".length() + 100);
        MemoryStore small = new MemoryStore(clock, 100, one * 5 / 2);
        for (String key : new String[] {"k1", "k2", "k3"}) {
            await(small.putIfAbsent(key, "x".repeat(100), Duration.ofMinutes(1), Retention.EVICTABLE));
        }
        assertEquals(2, small.size());
        assertEquals(Optional.empty(), await(small.get("k1")));
        assertEquals(2 * one, small.bytes());
    }
}
