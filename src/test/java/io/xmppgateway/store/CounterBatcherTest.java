package io.xmppgateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * {@link CounterBatcher} against a store call the test answers by hand: one call in flight at a time, what arrives
 * meanwhile goes in the next one, in order and one key a call, and each request gets its own answer or the call's
 * failure.
 */
class CounterBatcherTest {

    /** The calls made, each with its requests (named by their one argument), answered when the test says. */
    private final List<List<String>> calls = new ArrayList<>();
    private final List<CompletableFuture<List<String>>> answers = new ArrayList<>();
    private final CounterBatcher<String> batcher = new CounterBatcher<>(null, batch -> {
        calls.add(batch.stream().map(request -> request.key + "/" + request.args.get(0)).toList());
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        answers.add(answer);
        return Uni.createFrom().completionStage(answer);
    });

    private CompletableFuture<String> add(String name) {
        return add("day", name);
    }

    private CompletableFuture<String> add(String key, String name) {
        return batcher.add(key, List.of(name)).subscribeAsCompletionStage();
    }

    @Test
    void whatArrivesWhileACallIsInFlightGoesInTheNextOneInOrder() throws Exception {
        CompletableFuture<String> first = add("a");
        List<CompletableFuture<String>> queued = List.of(add("b"), add("c"), add("d"));
        assertEquals(List.of(List.of("day/a")), calls, "one call in flight at a time");

        answers.get(0).complete(List.of("answer a"));
        assertEquals("answer a", first.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("day/b", "day/c", "day/d"), calls.get(1));

        answers.get(1).complete(List.of("answer b", "answer c", "answer d"));
        assertEquals("answer b", queued.get(0).get(1, TimeUnit.SECONDS));
        assertEquals("answer c", queued.get(1).get(1, TimeUnit.SECONDS));
        assertEquals("answer d", queued.get(2).get(1, TimeUnit.SECONDS));

        add("e");
        assertEquals(List.of("day/e"), calls.get(2), "idle again: a request leaves at once");
    }

    @Test
    void aCallCarriesAtMostMaxBatchRequests() {
        add("first");
        for (int i = 0; i <= CounterBatcher.MAX_BATCH; i++) {
            add("r" + i);
        }
        answers.get(0).complete(List.of("answer"));
        assertEquals(CounterBatcher.MAX_BATCH, calls.get(1).size(), "exactly the maximum");
        answers.get(1).complete(Collections.nCopies(CounterBatcher.MAX_BATCH, "answer"));
        assertEquals(List.of("day/r" + CounterBatcher.MAX_BATCH), calls.get(2), "the one over it, in the next call");
    }

    @Test
    void aCallCarriesOneKeysRequestsAndAnotherKeyWaitsForTheNext() {
        add("first");
        add("today", "a");
        add("today", "b");
        add("tomorrow", "c");
        add("today", "d");
        answers.get(0).complete(List.of("answer"));
        assertEquals(List.of("today/a", "today/b"), calls.get(1));
        answers.get(1).complete(List.of("answer", "answer"));
        assertEquals(List.of("tomorrow/c"), calls.get(2), "in arrival order: what came after it waits too");
        answers.get(2).complete(List.of("answer"));
        assertEquals(List.of("today/d"), calls.get(3));
    }

    @Test
    void aFailedCallFailsEveryRequestOfItsBatchAndTheNextBatchStillLeaves() throws Exception {
        CompletableFuture<String> first = add("a");
        CompletableFuture<String> second = add("b");
        CompletableFuture<String> third = add("c");
        answers.get(0).complete(List.of("answer a"));
        first.get(1, TimeUnit.SECONDS);

        answers.get(1).completeExceptionally(new StoreUnavailableException("Redis failed"));
        assertEquals(StoreUnavailableException.class,
                assertThrows(CompletionException.class, second::join).getCause().getClass());
        assertEquals(StoreUnavailableException.class,
                assertThrows(CompletionException.class, third::join).getCause().getClass());

        CompletableFuture<String> after = add("d");
        assertEquals(List.of("day/d"), calls.get(2));
        answers.get(2).complete(List.of("answer d"));
        assertEquals("answer d", after.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aRequestWhoseCallerStoppedWaitingIsNotSent() throws Exception {
        CompletableFuture<String> first = add("a");
        CompletableFuture<String> gaveUp = batcher.add("day", List.of("b"))
                .ifNoItem().after(Duration.ofMillis(10)).fail().subscribeAsCompletionStage();
        CompletableFuture<String> waits = add("c");
        CompletionException timedOut = assertThrows(CompletionException.class, gaveUp::join);
        assertEquals(TimeoutException.class, timedOut.getCause().getClass());

        answers.get(0).complete(List.of("answer a"));
        first.get(1, TimeUnit.SECONDS);
        assertEquals(List.of("day/c"), calls.get(1), "nothing is counted for a request already answered");
        answers.get(1).complete(List.of("answer c"));
        assertEquals("answer c", waits.get(1, TimeUnit.SECONDS));
    }
}
