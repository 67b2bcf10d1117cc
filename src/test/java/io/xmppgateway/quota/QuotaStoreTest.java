package io.xmppgateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.testing.TestClock;

/** The daily counters over the memory store (the Redis store's own test checks the same primitive there). */
class QuotaStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
    private static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");

    private final TestClock clock = new TestClock();
    private final QuotaStore store = new QuotaStore(new MemoryStore(clock, 100, 1 << 20));

    QuotaStoreTest() {
        clock.set(Instant.parse("2026-11-21T12:00:00Z"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Optional<Meter> tryConsume(LocalDate day, Map<Meter, Long> deltas, Map<Meter, Long> caps) {
        Instant resetsAt = day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return store.tryConsume(day, deltas, caps, resetsAt).await().indefinitely().refused();
    }

    private Map<Meter, Long> usage(LocalDate day) {
        return store.usage(day).await().indefinitely();
    }

    @Test
    void aRequestThatWouldPassACapChangesNothing() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, 10L);
        assertEquals(Optional.empty(), tryConsume(DAY, Map.of(Meter.API_CALLS, 1L, Meter.RECIPIENTS_MESSAGED, 8L),
                caps));
        assertEquals(Optional.of(Meter.RECIPIENTS_MESSAGED), tryConsume(DAY, Map.of(Meter.API_CALLS, 1L,
                Meter.RECIPIENTS_MESSAGED, 3L), caps));
        assertEquals(Map.of(Meter.API_CALLS, 1L, Meter.RECIPIENTS_MESSAGED, 8L), usage(DAY));
        assertEquals(Optional.empty(), tryConsume(DAY, Map.of(Meter.RECIPIENTS_MESSAGED, 2L), caps));
        assertEquals(10L, usage(DAY).get(Meter.RECIPIENTS_MESSAGED));
    }

    @Test
    void aNewDayStartsFromZeroAndTheOldOneGoesAtMidnight() {
        tryConsume(DAY, Map.of(Meter.INVITATIONS, 3L), Map.of());
        assertEquals(Map.of(), usage(DAY.plusDays(1)));
        tryConsume(DAY.plusDays(1), Map.of(Meter.INVITATIONS, 1L), Map.of());
        assertEquals(Map.of(Meter.INVITATIONS, 1L), usage(DAY.plusDays(1)));
        assertEquals(Map.of(Meter.INVITATIONS, 3L), usage(DAY));
        clock.set(MIDNIGHT);
        assertEquals(Map.of(), usage(DAY), "the day's counters expired at its end");
    }

    @Test
    void concurrentRequestsNeverCrossTheCap() throws InterruptedException {
        Map<Meter, Long> caps = Map.of(Meter.INVITATIONS, 1_000L);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 5_000; i++) {
            pool.execute(() -> {
                if (tryConsume(DAY, Map.of(Meter.INVITATIONS, 1L, Meter.API_CALLS, 1L), caps).isEmpty()) {
                    admitted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        assertEquals(1_000, admitted.get());
        assertEquals(1_000L, usage(DAY).get(Meter.INVITATIONS));
        assertEquals(1_000L, usage(DAY).get(Meter.API_CALLS), "refused requests count nothing");
    }
}
