package io.xmppgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** The rules of {@link IdempotencyStore}, on a clock the test moves. */
class IdempotencyStoreTest {

    private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "b".getBytes(StandardCharsets.UTF_8);

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();

    private IdempotencyStore store(int maxKeys) {
        return new IdempotencyStore(Duration.ofMinutes(10), maxKeys, now::get);
    }

    private static IdempotencyStore.Scope key(String key) {
        return new IdempotencyStore.Scope("key-0", "messages", key);
    }

    private Uni<Integer> counted() {
        return Uni.createFrom().item(calls.incrementAndGet());
    }

    private static String codeOf(Uni<?> answer) {
        return assertThrows(ApiException.class, () -> answer.await().indefinitely()).code();
    }

    @Test
    void theSameFingerprintGetsTheFirstAnswerAndAnotherIs422() {
        IdempotencyStore store = store(10);
        assertEquals(1, store.once(key("k"), A, this::counted).await().indefinitely());
        assertEquals(1, store.once(key("k"), A, this::counted).await().indefinitely());
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, this::counted)));
        assertEquals(1, calls.get());
    }

    @Test
    void aKeyInFlightIs409ForTheSameRequestAnd422ForAnother() {
        IdempotencyStore store = store(10);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        Uni<Integer> answer = store.once(key("k"), A, () -> Uni.createFrom().completionStage(first));
        assertEquals("idempotency_key_in_flight", codeOf(store.once(key("k"), A, this::counted)));
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, this::counted)));
        first.complete(7);
        assertEquals(7, answer.await().indefinitely());
        assertEquals(7, store.once(key("k"), A, this::counted).await().indefinitely());
        assertEquals(0, calls.get());
    }

    @Test
    void aFailedCallIsForgotten() {
        IdempotencyStore store = store(10);
        assertThrows(IllegalStateException.class, () -> store.once(key("k"), A,
                () -> Uni.createFrom().<Integer>failure(new IllegalStateException("no"))).await().indefinitely());
        assertEquals(1, store.once(key("k"), B, this::counted).await().indefinitely());
    }

    @Test
    void anAnswerIsForgottenAfterTheWindow() {
        IdempotencyStore store = store(10);
        store.once(key("k"), A, this::counted).await().indefinitely();
        now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, this::counted)));
        now.addAndGet(1);
        assertEquals(2, store.once(key("k"), B, this::counted).await().indefinitely());
    }

    @Test
    void theOldestAnswerGoesFirstAndACallInFlightNever() {
        IdempotencyStore store = store(3);
        CompletableFuture<Integer> running = new CompletableFuture<>();
        store.once(key("in-flight"), A, () -> Uni.createFrom().completionStage(running));
        store.once(key("old"), A, this::counted).await().indefinitely();
        store.once(key("new"), A, this::counted).await().indefinitely();
        store.once(key("newest"), A, this::counted).await().indefinitely();
        assertEquals(3, store.size());
        // "old" was forgotten, so it runs again; "new" was the oldest answer left, and goes for it.
        assertEquals(4, store.once(key("old"), B, this::counted).await().indefinitely());
        assertEquals(5, store.once(key("new"), B, this::counted).await().indefinitely());
        assertEquals("idempotency_key_in_flight", codeOf(store.once(key("in-flight"), A, this::counted)));
    }

    @Test
    void whenEveryKeyIsInFlightANewOneIsRefused() {
        IdempotencyStore store = store(2);
        store.once(key("one"), A, () -> Uni.createFrom().completionStage(new CompletableFuture<Integer>()));
        store.once(key("two"), A, () -> Uni.createFrom().completionStage(new CompletableFuture<Integer>()));
        assertEquals("idempotency_keys_full", codeOf(store.once(key("three"), A, this::counted)));
        assertEquals(0, calls.get());
    }

    @Test
    void callersAndEndpointsHaveKeysOfTheirOwn() {
        IdempotencyStore store = store(10);
        store.once(new IdempotencyStore.Scope("key-0", "messages", "k"), A, this::counted).await().indefinitely();
        assertEquals(2, store.once(new IdempotencyStore.Scope("key-1", "messages", "k"), A, this::counted)
                .await().indefinitely());
        assertEquals(3, store.once(new IdempotencyStore.Scope("key-0", "presence", "k"), A, this::counted)
                .await().indefinitely());
    }

    @Test
    void answersAreBoundedInBytesTooOldestFirst() {
        IdempotencyStore store = new IdempotencyStore(Duration.ofMinutes(10), 100, 250, answer -> 100, now::get);
        store.once(key("first"), A, this::counted).await().indefinitely();
        store.once(key("second"), A, this::counted).await().indefinitely();
        store.once(key("third"), A, this::counted).await().indefinitely();
        assertEquals(2, store.size(), "three answers of 100 bytes do not fit in 250: the oldest went");
        assertEquals(3, store.once(key("third"), A, this::counted).await().indefinitely());
        assertEquals(4, store.once(key("first"), A, this::counted).await().indefinitely(), "forgotten: done again");
    }
}
