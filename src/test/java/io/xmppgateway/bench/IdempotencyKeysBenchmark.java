package io.xmppgateway.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.api.IdempotencyStore;
import io.xmppgateway.store.MemoryStore;

/**
 * The cost of one call with an {@code Idempotency-Key} when the store already holds 1,000 or 200,000 keys: a new key
 * (which, the store being full, evicts the oldest answer) and a retry answered from memory. Run with
 * {@code ./mvnw -Pbench test-compile exec:exec@bench -Dbench.args="IdempotencyKeysBenchmark -bm avgt -tu ns"}; the
 * figures are nanoseconds per call and should grow no more than logarithmically with the number of keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdempotencyKeysBenchmark {

    private static final byte[] FINGERPRINT = "a SHA-256 of the request, 32 bytes".getBytes(StandardCharsets.UTF_8);
    private static final Uni<String> ANSWER = Uni.createFrom().item("answer");

    @Param({"1000", "200000"})
    public int keys;

    private IdempotencyStore store;
    private IdempotencyStore.Scope remembered;
    private long next;

    @Setup
    public void fill() {
        store = new IdempotencyStore(new MemoryStore(Clock.systemUTC(), keys, Long.MAX_VALUE), new ObjectMapper(),
                Duration.ofHours(1), Duration.ofMinutes(2));
        for (next = 0; next < keys; next++) {
            store.once(scope(next), FINGERPRINT, String.class, () -> ANSWER).await().indefinitely();
        }
        remembered = scope(keys - 1);
    }

    private static IdempotencyStore.Scope scope(long n) {
        return new IdempotencyStore.Scope("key-0", "messages", "3f1c9a7e-" + n);
    }

    @Benchmark
    public String newKey() {
        return store.once(scope(next++), FINGERPRINT, String.class, () -> ANSWER).await().indefinitely();
    }

    @Benchmark
    public String retry() {
        return store.once(remembered, FINGERPRINT, String.class, () -> ANSWER).await().indefinitely();
    }
}
