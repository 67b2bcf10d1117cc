package io.xmppgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.xmppgateway.store.RedisStore;
import io.xmppgateway.testing.RedisServer;

/**
 * Two replicas, each with a Redis client of its own, share one real Redis: a key claimed or answered on one is
 * claimed or answered on the other.
 */
class IdempotencyAcrossReplicasTest {

    private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "b".getBytes(StandardCharsets.UTF_8);
    private static final SendMessageResponse ANSWER = new SendMessageResponse("ik-1",
            List.of(new SendResult("juliet@example.org", SendStatus.NO_ERROR),
                    new SendResult("not a jid", SendStatus.INVALID_JID)));

    private static Vertx vertx;
    private static Redis clientOfOne;
    private static Redis clientOfOther;
    private static IdempotencyStore one;
    private static IdempotencyStore other;

    private final AtomicInteger calls = new AtomicInteger();
    private final IdempotencyStore.Scope scope = new IdempotencyStore.Scope("key-0", "messages",
            UUID.randomUUID().toString());

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        clientOfOne = RedisServer.shared().client(vertx);
        clientOfOther = RedisServer.shared().client(vertx);
        one = replica(clientOfOne);
        other = replica(clientOfOther);
    }

    private static IdempotencyStore replica(Redis client) {
        return new IdempotencyStore(new RedisStore(client, Duration.ofSeconds(2)), new ObjectMapper(),
                Duration.ofMinutes(10), Duration.ofMinutes(2));
    }

    @AfterAll
    static void close() {
        clientOfOne.close();
        clientOfOther.close();
        vertx.closeAndAwait();
    }

    private Uni<SendMessageResponse> counted() {
        calls.incrementAndGet();
        return Uni.createFrom().item(ANSWER);
    }

    private String codeOf(IdempotencyStore replica, byte[] fingerprint) {
        return assertThrows(ApiException.class, () -> replica.once(scope, fingerprint, SendMessageResponse.class,
                this::counted).await().atMost(Duration.ofSeconds(5))).code();
    }

    @Test
    void theOtherReplicaSees409WhileInFlightThenTheFirstAnswerAnd422ForAnotherRequest() {
        CompletableFuture<SendMessageResponse> first = new CompletableFuture<>();
        CompletableFuture<SendMessageResponse> answered = one.once(scope, A, SendMessageResponse.class,
                () -> Uni.createFrom().completionStage(first)).subscribeAsCompletionStage();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> "idempotency_key_in_flight".equals(codeOf(other, A)));
        assertEquals("idempotency_key_reused", codeOf(other, B));
        first.complete(ANSWER);
        assertEquals(ANSWER, answered.join());
        assertEquals(ANSWER, other.once(scope, A, SendMessageResponse.class, this::counted)
                .await().atMost(Duration.ofSeconds(5)), "read back from Redis as the same answer");
        assertEquals("idempotency_key_reused", codeOf(other, B));
        assertEquals(0, calls.get(), "nothing was done twice");
    }

    @Test
    void aCallThatFailedOnOneReplicaIsRetriedOnTheOther() {
        assertThrows(IllegalStateException.class, () -> one.once(scope, A, SendMessageResponse.class,
                () -> Uni.createFrom().<SendMessageResponse>failure(new IllegalStateException("no")))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(ANSWER, other.once(scope, A, SendMessageResponse.class, this::counted)
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(1, calls.get());
    }
}
