package io.xmppgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * What every {@link SharedStore} does, whichever it is: run against the memory store ({@link MemoryStoreTest}) and a
 * real Redis ({@link RedisStoreTest}) with the same assertions. Each test uses keys of its own.
 */
abstract class SharedStoreScenario {

    /** The store under test. */
    abstract SharedStore store();

    /** Lets {@code ttl} pass for the store's entries. */
    abstract void pass(Duration ttl) throws InterruptedException;

    /** A time to live that {@link #pass} can let pass quickly. */
    abstract Duration shortTtl();

    /** When counters written now should expire: well after every test has ended. */
    abstract Instant later();

    private final String prefix = "test:" + UUID.randomUUID() + ":";

    String key(String name) {
        return prefix + name;
    }

    static <T> T await(Uni<T> call) {
        return call.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void onlyTheFirstPutIfAbsentWritesAndGetReadsIt() {
        assertEquals(Optional.empty(), await(store().get(key("claim"))));
        assertTrue(await(store().putIfAbsent(key("claim"), "mine", Duration.ofMinutes(1), Retention.KEEP)));
        assertFalse(await(store().putIfAbsent(key("claim"), "theirs", Duration.ofMinutes(1), Retention.KEEP)));
        assertEquals(Optional.of("mine"), await(store().get(key("claim"))));
    }

    @Test
    void onlyWhoeverHoldsTheValueReplacesOrDeletesIt() {
        await(store().putIfAbsent(key("lease"), "token-1", Duration.ofMinutes(1), Retention.KEEP));
        assertFalse(await(store().replaceIfEquals(key("lease"), "token-2", "token-2", Duration.ofMinutes(1),
                Retention.KEEP)));
        assertFalse(await(store().deleteIfEquals(key("lease"), "token-2")));
        assertTrue(await(store().replaceIfEquals(key("lease"), "token-1", "answer", Duration.ofMinutes(1),
                Retention.EVICTABLE)));
        assertEquals(Optional.of("answer"), await(store().get(key("lease"))));
        assertFalse(await(store().deleteIfEquals(key("lease"), "token-1")));
        assertTrue(await(store().deleteIfEquals(key("lease"), "answer")));
        assertEquals(Optional.empty(), await(store().get(key("lease"))));
        assertFalse(await(store().replaceIfEquals(key("lease"), "answer", "again", Duration.ofMinutes(1),
                Retention.KEEP)), "nothing held, nothing replaced");
    }

    @Test
    void putOverwritesWhateverWasHeldAndDeleteRemovesIt() {
        await(store().put(key("presence"), "available", Duration.ofMinutes(1), Retention.KEEP));
        assertEquals(Optional.of("available"), await(store().get(key("presence"))));
        await(store().put(key("presence"), "away", Duration.ofMinutes(1), Retention.KEEP));
        assertEquals(Optional.of("away"), await(store().get(key("presence"))));
        await(store().delete(key("presence")));
        assertEquals(Optional.empty(), await(store().get(key("presence"))));
        await(store().delete(key("presence"))); // nothing held: nothing to do, no failure
        assertTrue(await(store().putIfAbsent(key("presence"), "again", Duration.ofMinutes(1), Retention.KEEP)));
    }

    @Test
    void valuesExpireAfterTheirTimeToLiveAndAReplaceSetsANewOne() throws InterruptedException {
        await(store().putIfAbsent(key("short"), "v", shortTtl(), Retention.KEEP));
        await(store().putIfAbsent(key("renewed"), "v", shortTtl(), Retention.KEEP));
        assertTrue(await(store().replaceIfEquals(key("renewed"), "v", "v", Duration.ofMinutes(1), Retention.KEEP)));
        pass(shortTtl());
        assertEquals(Optional.empty(), await(store().get(key("short"))));
        assertTrue(await(store().putIfAbsent(key("short"), "w", Duration.ofMinutes(1), Retention.KEEP)),
                "free again once expired");
        assertEquals(Optional.of("v"), await(store().get(key("renewed"))));
    }

    @Test
    void countersGrowTogetherOrNotAtAll() {
        Map<String, Long> caps = Map.of("recipients", 10L);
        Counted first = await(store().addWithinCaps(key("day"), Map.of("calls", 1L, "recipients", 8L), caps, later()));
        assertTrue(first.added());
        assertEquals(Map.of("calls", 1L, "recipients", 8L), first.totals());
        Counted refused = await(store().addWithinCaps(key("day"), Map.of("calls", 1L, "recipients", 3L), caps,
                later()));
        assertEquals(Optional.of("recipients"), refused.refused());
        assertEquals(Map.of("calls", 1L, "recipients", 8L), await(store().counters(key("day"))),
                "a refused request counts nothing");
        assertTrue(await(store().addWithinCaps(key("day"), Map.of("recipients", 2L), caps, later())).added(),
                "exactly at the cap is within it");
        assertFalse(await(store().addWithinCaps(key("day"), Map.of("recipients", 1L), caps, later())).added());
        assertEquals(Map.of(), await(store().counters(key("another day"))));
    }

    @Test
    void concurrentAddsNeverCrossTheCap() throws Exception {
        int calls = 50;
        // Mutiny's context propagation sets itself up on first use, and racing threads would trip over it.
        await(store().ping());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                admitted.add(pool.submit(() -> {
                    go.await();
                    return await(store().addWithinCaps(key("capped"), Map.of("invitations", 1L, "calls", 1L),
                            Map.of("invitations", 10L), later())).added();
                }));
            }
            go.countDown();
            int passed = 0;
            for (Future<Boolean> call : admitted) {
                passed += call.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(10, passed, "exactly the cap's worth of " + calls + " concurrent calls");
            assertEquals(Map.of("invitations", 10L, "calls", 10L), await(store().counters(key("capped"))));
        } finally {
            pool.shutdownNow();
        }
    }
}
