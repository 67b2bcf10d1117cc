package io.xmppgateway.api;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.config.GatewayConfig;

/**
 * {@code Idempotency-Key}: a send retried with the same key within {@code gateway.idempotency-window} gets the first
 * call's answer instead of sending again; a retry while the first is still running waits for it. A call that failed
 * is forgotten, so its retry really retries.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** Keys remembered at most; the oldest go first beyond it. */
    static final int MAX_KEYS = 100_000;

    private record Entry(CompletableFuture<Object> answer, long expiresAtNanos) {
    }

    @Inject
    GatewayConfig config;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Runs {@code call} once per key (none: every time). */
    @SuppressWarnings("unchecked")
    <T> Uni<T> once(String endpoint, String key, Supplier<Uni<T>> call) {
        if (key == null || key.isBlank()) {
            return call.get();
        }
        long now = System.nanoTime();
        String scoped = endpoint + " " + key;
        Entry fresh = new Entry(new CompletableFuture<>(), now + config.idempotencyWindow().toNanos());
        Entry entry = entries.compute(scoped, (k, existing) ->
                existing != null && existing.expiresAtNanos() - now > 0 ? existing : fresh);
        if (entry == fresh) {
            evictIfFull(now);
            Uni<T> answer;
            try {
                answer = call.get();
            } catch (RuntimeException e) {
                entries.remove(scoped, fresh);
                return Uni.createFrom().failure(e);
            }
            answer.subscribe().with(fresh.answer()::complete, failure -> {
                entries.remove(scoped, fresh);
                fresh.answer().completeExceptionally(failure);
            });
        }
        return Uni.createFrom().completionStage(() -> (CompletableFuture<T>) (CompletableFuture<?>) entry.answer());
    }

    private void evictIfFull(long now) {
        if (entries.size() <= MAX_KEYS) {
            return;
        }
        entries.values().removeIf(e -> e.expiresAtNanos() - now <= 0);
        Iterator<String> oldest = entries.keySet().iterator();
        while (entries.size() > MAX_KEYS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
