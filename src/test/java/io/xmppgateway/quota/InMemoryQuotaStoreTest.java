package io.xmppgateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InMemoryQuotaStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    private final InMemoryQuotaStore store = new InMemoryQuotaStore();

    @Test
    void aRequestThatWouldPassACapChangesNothing() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, 10L);
        assertEquals(Optional.empty(), store.tryConsume(DAY, Map.of(Meter.API_CALLS, 1L,
                Meter.RECIPIENTS_MESSAGED, 8L), caps));
        assertEquals(Optional.of(Meter.RECIPIENTS_MESSAGED), store.tryConsume(DAY, Map.of(Meter.API_CALLS, 1L,
                Meter.RECIPIENTS_MESSAGED, 3L), caps));
        assertEquals(Map.of(Meter.API_CALLS, 1L, Meter.RECIPIENTS_MESSAGED, 8L), store.usage(DAY));
        assertEquals(Optional.empty(), store.tryConsume(DAY, Map.of(Meter.RECIPIENTS_MESSAGED, 2L), caps));
        assertEquals(10L, store.usage(DAY).get(Meter.RECIPIENTS_MESSAGED));
    }

    @Test
    void aNewDayStartsFromZero() {
        store.tryConsume(DAY, Map.of(Meter.INVITATIONS, 3L), Map.of());
        assertEquals(Map.of(), store.usage(DAY.plusDays(1)));
        store.tryConsume(DAY.plusDays(1), Map.of(Meter.INVITATIONS, 1L), Map.of());
        assertEquals(Map.of(Meter.INVITATIONS, 1L), store.usage(DAY.plusDays(1)));
    }

    @Test
    void concurrentRequestsNeverCrossTheCap() throws InterruptedException {
        Map<Meter, Long> caps = Map.of(Meter.INVITATIONS, 1_000L);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 5_000; i++) {
            pool.execute(() -> {
                if (store.tryConsume(DAY, Map.of(Meter.INVITATIONS, 1L, Meter.API_CALLS, 1L), caps).isEmpty()) {
                    admitted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        assertEquals(1_000, admitted.get());
        assertEquals(1_000L, store.usage(DAY).get(Meter.INVITATIONS));
        assertEquals(1_000L, store.usage(DAY).get(Meter.API_CALLS), "refused requests count nothing");
    }
}
