package io.xmppgateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.xmppgateway.store.RedisStore;
import io.xmppgateway.store.StoreUnavailableException;
import io.xmppgateway.testing.RedisServer;

/**
 * {@link Reservations}: two replicas' {@link QuotaStore}s, each with a Redis client of its own, on one real Redis.
 * The ticks are run by the test, not by a timer.
 */
class ReservationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC);
    private static final Instant MIDNIGHT = DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final String KEY = QuotaStore.PREFIX + DAY;
    private static final Map<Meter, Long> ONE_MESSAGE = Map.of(Meter.API_CALLS, 1L, Meter.RECIPIENTS_MESSAGED, 1L);

    private static Vertx vertx;
    private static Redis firstClient;
    private static Redis secondClient;

    private QuotaStore first;
    private QuotaStore second;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        firstClient = RedisServer.shared().client(vertx);
        secondClient = RedisServer.shared().client(vertx);
    }

    @AfterAll
    static void close() {
        firstClient.close();
        secondClient.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void twoReplicas() {
        firstClient.send(Request.cmd(Command.FLUSHALL)).await().atMost(TIMEOUT);
        first = new QuotaStore(new RedisStore(firstClient, TIMEOUT), true);
        second = new QuotaStore(new RedisStore(secondClient, TIMEOUT), true);
    }

    @Test
    void onceTheStoreHasAnsweredCallsAreAdmittedFromABlockWithoutARoundTrip() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, 1_000_000L);
        for (int i = 0; i < 102; i++) {
            assertTrue(admitted(first, ONE_MESSAGE, caps));
        }
        // The first call learnt the day's counters, the second reserved 1/64 of what was left after it.
        long block = (1_000_000 - 1 - 1) / Reservations.SHARE;
        assertEquals(2 + block, stored(Meter.RECIPIENTS_MESSAGED), "the block is used as far as Redis knows");
        assertEquals(2, stored(Meter.API_CALLS), "100 calls admitted without a word to Redis");
        assertEquals(Map.of(Meter.API_CALLS, 102L, Meter.RECIPIENTS_MESSAGED, 102L), usage(first),
                "exact as the replica that admitted them sees it");
        assertEquals(Map.of(Meter.API_CALLS, 2L, Meter.RECIPIENTS_MESSAGED, 2L), usage(second),
                "the other replica sees no block as usage, and the first's calls as of its last tick");

        first.reservations.tick();
        assertEquals(102, stored(Meter.API_CALLS), "the uncapped usage is handed over at the tick");
        assertEquals(2 + block, stored(Meter.RECIPIENTS_MESSAGED), "a block spent from since the last tick stays");
        assertEquals(block - 100, stored("reserved:" + Meter.RECIPIENTS_MESSAGED.apiName()),
                "what was spent from it is no longer reserved");
        assertEquals(usage(first), usage(second), "after a tick both replicas see every call");
        first.reservations.tick();
        assertEquals(102, stored(Meter.RECIPIENTS_MESSAGED), "idle for a tick, what is left of it goes back");
        assertEquals(usage(first), usage(second));
    }

    @Test
    void twoReplicasTogetherAdmitExactlyTheCapAndHoldNothingBackOnceClosed() throws Exception {
        long cap = 5_000;
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, cap);
        List<CompletableFuture<QuotaStore.Consumed>> calls = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            calls.add(first.tryConsume(DAY, ONE_MESSAGE, caps, MIDNIGHT).subscribeAsCompletionStage());
            calls.add(second.tryConsume(DAY, ONE_MESSAGE, caps, MIDNIGHT).subscribeAsCompletionStage());
        }
        long admitted = 0;
        for (CompletableFuture<QuotaStore.Consumed> call : calls) {
            admitted += call.get(10, TimeUnit.SECONDS).refused().isEmpty() ? 1 : 0;
        }
        assertTrue(stored(Meter.RECIPIENTS_MESSAGED) <= cap);
        // A replica refuses only once Redis has nothing left and neither has its block: call each till it does.
        for (QuotaStore replica : List.of(first, second)) {
            while (admitted(replica, ONE_MESSAGE, caps)) {
                admitted++;
            }
        }
        assertEquals(cap, admitted, "the cap exactly, whichever replica the calls hit");
        await(first.reservations.close());
        await(second.reservations.close());
        assertEquals(cap, stored(Meter.RECIPIENTS_MESSAGED));
        assertEquals(cap, stored(Meter.API_CALLS), "the uncapped usage of every admitted call was handed over");
        assertEquals(0, stored("reserved:" + Meter.RECIPIENTS_MESSAGED.apiName()), "nothing is held reserved");
        assertEquals(Map.of(Meter.API_CALLS, cap, Meter.RECIPIENTS_MESSAGED, cap), usage(second));
    }

    @Test
    void belowTheThresholdEveryCallIsCountedInTheStore() {
        Map<Meter, Long> caps = Map.of(Meter.INVITATIONS, 10L);
        long admitted = 0;
        for (int i = 0; i < 10; i++) {
            for (QuotaStore replica : List.of(first, second)) {
                if (admitted(replica, Map.of(Meter.INVITATIONS, 1L), caps)) {
                    admitted++;
                }
                assertEquals(admitted, stored(Meter.INVITATIONS), "no block: Redis counts each call");
            }
        }
        assertEquals(10, admitted, "10 of 20 calls");
    }

    @Test
    void aBlockIsReservedOnlyWhileAtLeastTheThresholdIsLeftAfterTheCall() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, Reservations.THRESHOLD + 1);
        Map<Meter, Long> large = Map.of(Meter.RECIPIENTS_MESSAGED, 1L);
        assertTrue(admitted(first, large, caps));
        assertTrue(admitted(first, large, caps));
        assertEquals(2, stored(Meter.RECIPIENTS_MESSAGED), "THRESHOLD - 1 left after the second call: no block");
    }

    @Test
    void onceClosedEveryCallIsCountedInTheStoreAndTheBlockIsBack() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, 1_000_000L);
        for (int i = 0; i < 5; i++) {
            admitted(first, ONE_MESSAGE, caps);
        }
        await(first.reservations.close());
        assertEquals(5, stored(Meter.RECIPIENTS_MESSAGED));
        assertEquals(5, stored(Meter.API_CALLS));
        admitted(first, ONE_MESSAGE, caps);
        assertEquals(6, stored(Meter.RECIPIENTS_MESSAGED));
    }

    @Test
    void whileRedisIsDownWhatABlockCoversIsAdmittedAndNothingElse() {
        Map<Meter, Long> caps = Map.of(Meter.RECIPIENTS_MESSAGED, 1_000_000L);
        admitted(first, ONE_MESSAGE, caps);
        admitted(first, ONE_MESSAGE, caps);
        RedisServer redis = RedisServer.shared();
        redis.stop();
        try {
            assertTrue(admitted(first, ONE_MESSAGE, caps), "from its block: those units were taken from the cap");
            assertThrows(StoreUnavailableException.class, () -> admitted(second, ONE_MESSAGE, caps),
                    "no block: the call must be counted in Redis");
        } finally {
            redis.start();
        }
    }

    private static boolean admitted(QuotaStore replica, Map<Meter, Long> deltas, Map<Meter, Long> caps) {
        return await(replica.tryConsume(DAY, deltas, caps, MIDNIGHT)).refused().isEmpty();
    }

    private static Map<Meter, Long> usage(QuotaStore replica) {
        return await(replica.usage(DAY));
    }

    /** The day's counter as Redis has it. */
    private static long stored(Meter meter) {
        return stored(meter.apiName());
    }

    /** A counter of the day as Redis holds it. */
    private static long stored(String field) {
        Response value = await(firstClient.send(Request.cmd(Command.HGET).arg(KEY).arg(field)));
        return value == null ? 0 : value.toLong();
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }
}
