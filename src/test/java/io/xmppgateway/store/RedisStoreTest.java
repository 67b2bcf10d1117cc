package io.xmppgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.xmppgateway.testing.RedisServer;

/** {@link SharedStoreScenario} on a real Redis, its expiries, and what it does when Redis is gone or silent. */
class RedisStoreTest extends SharedStoreScenario {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static Vertx vertx;
    private static Redis client;
    private static RedisStore store;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        client = RedisServer.shared().client(vertx);
        // The client's connections live on the context Vert.x keeps for this thread: the store's batches leave there.
        store = new RedisStore(client, vertx.getDelegate().getOrCreateContext(), TIMEOUT);
    }

    @AfterAll
    static void close() {
        client.close();
        vertx.closeAndAwait();
    }

    @Override
    SharedStore store() {
        return store;
    }

    @Override
    void pass(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() + 50);
    }

    @Override
    Duration shortTtl() {
        return Duration.ofMillis(200);
    }

    @Override
    Instant later() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    @Test
    void countersExpireAtTheNextMidnightOfTheQuotaZone() {
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        Instant midnight = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
        await(store.addWithinCaps(key("quota"), Map.of("invitations", 1L), Map.of("invitations", 5L), midnight));
        long expiresAt = await(client.send(Request.cmd(Command.PEXPIRETIME).arg(key("quota")))).toLong();
        assertEquals(midnight.toEpochMilli(), expiresAt, "PEXPIREAT the next midnight in " + zone);
    }

    @Test
    void requestsQueuedBehindACallInFlightGoInOneCallEachAllOrNothingInOrder() throws Exception {
        Map<String, Long> caps = Map.of("recipients", 4L);
        await(store.addWithinCaps(key("warm-up"), Map.of("recipients", 1L), caps, later()));
        long before = evalshaCalls();
        List<CompletableFuture<Counted>> answers = new ArrayList<>();
        RedisServer.shared().pause();
        try {
            // Whatever leaves first hangs in the paused Redis; the rest queue behind it.
            for (long recipients : new long[] {1, 2, 2, 1, 1}) {
                answers.add(store.addWithinCaps(key("day"), Map.of("recipients", recipients, "calls", 1L), caps,
                        later()).subscribeAsCompletionStage());
            }
        } finally {
            RedisServer.shared().resume();
        }
        List<Counted> counted = new ArrayList<>();
        for (CompletableFuture<Counted> answer : answers) {
            counted.add(answer.get(10, TimeUnit.SECONDS));
        }
        assertEquals(Map.of("recipients", 1L, "calls", 1L), counted.get(0).totals());
        assertEquals(Map.of("recipients", 3L, "calls", 2L), counted.get(1).totals());
        assertEquals(Optional.of("recipients"), counted.get(2).refused(), "3 + 2 would pass 4: nothing of it added");
        assertEquals(Map.of("recipients", 4L, "calls", 3L), counted.get(3).totals(), "exactly at the cap");
        assertEquals(Optional.of("recipients"), counted.get(4).refused());
        assertTrue(evalshaCalls() - before <= 2, "what left first, then all that queued behind it in one call");
        assertEquals(Map.of("recipients", 4L, "calls", 3L), await(store.counters(key("day"))));
    }

    /** How many {@code EVALSHA}s Redis ran since it started. */
    private static long evalshaCalls() {
        String stats = await(client.send(Request.cmd(Command.INFO).arg("commandstats"))).toString();
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    @Test
    void aStoppedRedisFailsEveryCallAndOneStartedAgainServesThem() {
        RedisServer redis = RedisServer.shared();
        await(store.addWithinCaps(key("day"), Map.of("invitations", 1L), Map.of("invitations", 5L), later()));
        redis.stop();
        try {
            assertThrows(StoreUnavailableException.class, () -> await(store.ping()));
            assertThrows(StoreUnavailableException.class, () -> await(store.addWithinCaps(key("day"),
                    Map.of("invitations", 1L), Map.of("invitations", 5L), later())));
            assertThrows(StoreUnavailableException.class, () -> await(store.putIfAbsent(key("k"), "v",
                    Duration.ofMinutes(1), Retention.KEEP)));
        } finally {
            redis.start();
        }
        await(store.ping());
        // A new Redis knows none of the scripts: they are sent again by their text.
        assertTrue(await(store.addWithinCaps(key("day"), Map.of("invitations", 1L), Map.of("invitations", 5L),
                later())).added());
        assertEquals(Map.of("invitations", 1L), await(store.counters(key("day"))), "nothing was kept: --save \"\"");
    }

    @Test
    void aRedisThatDoesNotAnswerFailsCallsWithinTheTimeout() {
        RedisServer redis = RedisServer.shared();
        await(store.ping());
        redis.pause();
        try {
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class, () -> await(store.counters(key("day"))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(TIMEOUT.multipliedBy(3)) < 0, "failed after " + took);
        } finally {
            redis.resume();
        }
        await(store.ping());
    }
}
