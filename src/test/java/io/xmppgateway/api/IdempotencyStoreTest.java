package io.xmppgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.store.SharedStore;
import io.xmppgateway.store.StoreUnavailableException;
import io.xmppgateway.testing.TestClock;
import io.xmppgateway.testing.UnreachableStore;

/** The rules of {@link IdempotencyStore}, over the memory store on a clock the test moves. */
class IdempotencyStoreTest {

    private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "b".getBytes(StandardCharsets.UTF_8);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration CLAIM_TTL = Duration.ofMinutes(2);

    private final TestClock clock = new TestClock();
    private final AtomicInteger calls = new AtomicInteger();

    IdempotencyStoreTest() {
        clock.set(Instant.parse("2026-11-21T12:00:00Z"));
    }

    private MemoryStore memory(int maxKeys, long maxBytes) {
        return new MemoryStore(clock, maxKeys, maxBytes);
    }

    private static IdempotencyStore over(SharedStore store) {
        return new IdempotencyStore(store, new ObjectMapper(), WINDOW, CLAIM_TTL);
    }

    private static IdempotencyStore.Scope key(String key) {
        return new IdempotencyStore.Scope("key-0", "messages", key);
    }

    private Uni<Integer> counted() {
        return Uni.createFrom().item(calls.incrementAndGet());
    }

    private Integer once(IdempotencyStore store, String key, byte[] fingerprint) {
        return store.once(key(key), fingerprint, Integer.class, this::counted).await().indefinitely();
    }

    /** Starts a call that runs until {@code answer} completes, as a request the REST layer subscribed to. */
    private static CompletableFuture<Integer> start(IdempotencyStore store, String key,
                                                    CompletableFuture<Integer> answer) {
        return store.once(key(key), A, Integer.class, () -> Uni.createFrom().completionStage(answer))
                .subscribeAsCompletionStage();
    }

    private static String codeOf(Uni<?> answer) {
        return assertThrows(ApiException.class, () -> answer.await().indefinitely()).code();
    }

    @Test
    void theSameFingerprintGetsTheFirstAnswerAndAnotherIs422() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        assertEquals(1, once(store, "k", A));
        assertEquals(1, once(store, "k", A));
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, Integer.class, this::counted)));
        assertEquals(1, calls.get());
    }

    @Test
    void aKeyInFlightIs409ForTheSameRequestAnd422ForAnother() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> answer = start(store, "k", first);
        assertEquals("idempotency_key_in_flight", codeOf(store.once(key("k"), A, Integer.class, this::counted)));
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, Integer.class, this::counted)));
        first.complete(7);
        assertEquals(7, answer.join());
        assertEquals(7, once(store, "k", A));
        assertEquals(0, calls.get());
    }

    @Test
    void anotherReplicaOverTheSameStoreMeetsTheSameRules() {
        MemoryStore shared = memory(10, Long.MAX_VALUE);
        IdempotencyStore one = over(shared);
        IdempotencyStore other = over(shared);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> answer = start(one, "k", first);
        assertEquals("idempotency_key_in_flight", codeOf(other.once(key("k"), A, Integer.class, this::counted)));
        first.complete(7);
        answer.join();
        assertEquals(7, once(other, "k", A));
        assertEquals("idempotency_key_reused", codeOf(other.once(key("k"), B, Integer.class, this::counted)));
        assertEquals(0, calls.get());
    }

    @Test
    void aFailedCallIsForgotten() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        assertThrows(IllegalStateException.class, () -> store.once(key("k"), A, Integer.class,
                () -> Uni.createFrom().<Integer>failure(new IllegalStateException("no"))).await().indefinitely());
        assertThrows(IllegalArgumentException.class, () -> store.once(key("k"), A, Integer.class, () -> {
            throw new IllegalArgumentException("refused before it started");
        }).await().indefinitely());
        assertEquals(1, once(store, "k", B));
    }

    @Test
    void anAnswerIsForgottenAfterTheWindow() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        once(store, "k", A);
        clock.set(clock.instant().plus(WINDOW).minusMillis(1));
        assertEquals("idempotency_key_reused", codeOf(store.once(key("k"), B, Integer.class, this::counted)));
        clock.set(clock.instant().plusMillis(1));
        assertEquals(2, once(store, "k", B));
    }

    @Test
    void theClaimOfAReplicaThatDiedExpires() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        start(store, "k", new CompletableFuture<>());
        clock.set(clock.instant().plus(CLAIM_TTL).minusMillis(1));
        assertEquals("idempotency_key_in_flight", codeOf(store.once(key("k"), A, Integer.class, this::counted)));
        clock.set(clock.instant().plusMillis(1));
        assertEquals(1, once(store, "k", A));
    }

    @Test
    void theOldestAnswerGoesFirstAndACallInFlightNever() {
        MemoryStore memory = memory(3, Long.MAX_VALUE);
        IdempotencyStore store = over(memory);
        CompletableFuture<Integer> running = new CompletableFuture<>();
        start(store, "in-flight", running);
        once(store, "old", A);
        once(store, "new", A);
        once(store, "newest", A);
        assertEquals(3, memory.size());
        // "old" was forgotten, so it runs again; "new" was the oldest answer left, and goes for it.
        assertEquals(4, once(store, "old", B));
        assertEquals(5, once(store, "new", B));
        assertEquals("idempotency_key_in_flight", codeOf(store.once(key("in-flight"), A, Integer.class,
                this::counted)));
    }

    @Test
    void whenEveryKeyIsInFlightANewOneIsRefused() {
        IdempotencyStore store = over(memory(2, Long.MAX_VALUE));
        start(store, "one", new CompletableFuture<>());
        start(store, "two", new CompletableFuture<>());
        assertEquals("idempotency_keys_full", codeOf(store.once(key("three"), A, Integer.class, this::counted)));
        assertEquals(0, calls.get());
    }

    @Test
    void callersAndEndpointsHaveKeysOfTheirOwn() {
        IdempotencyStore store = over(memory(10, Long.MAX_VALUE));
        once(store, "k", A);
        assertEquals(2, store.once(new IdempotencyStore.Scope("key-1", "messages", "k"), A, Integer.class,
                this::counted).await().indefinitely());
        assertEquals(3, store.once(new IdempotencyStore.Scope("key-0", "presence", "k"), A, Integer.class,
                this::counted).await().indefinitely());
    }

    @Test
    void answersAreBoundedInBytesTooOldestFirst() {
        MemoryStore probe = memory(10, Long.MAX_VALUE);
        once(over(probe), "first", A);
        long answer = probe.bytes();
        calls.set(0);

        MemoryStore memory = memory(100, answer * 5 / 2);
        IdempotencyStore store = over(memory);
        once(store, "first", A);
        once(store, "second", A);
        once(store, "third", A);
        assertEquals(2, memory.size(), "three answers do not fit in two and a half: the oldest went");
        assertEquals(3, once(store, "third", A));
        assertEquals(4, once(store, "first", A), "forgotten: done again");
    }

    @Test
    void aKeyedCallIsRefusedWhenTheStoreIsOutOfReach() {
        IdempotencyStore store = over(new UnreachableStore());
        assertThrows(StoreUnavailableException.class, () -> once(store, "k", A));
        assertEquals(0, calls.get(), "nothing was done that a retry could repeat");
    }
}
