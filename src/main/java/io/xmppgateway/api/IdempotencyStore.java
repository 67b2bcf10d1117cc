package io.xmppgateway.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/**
 * The memory behind {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header): each key, scoped by caller
 * and endpoint, remembers a fingerprint of its request and, once the call succeeded, its answer.
 * <ul>
 * <li>the same key with the same fingerprint gets the first call's answer, and nothing is done again;</li>
 * <li>the same key with another fingerprint is 422 {@code idempotency_key_reused} (draft §2.7);</li>
 * <li>the same key while its first call is still running is 409 {@code idempotency_key_in_flight} (draft §2.7): the
 * caller retries after it, rather than holding a connection open waiting;</li>
 * <li>a call that failed is forgotten, so its retry really retries.</li>
 * </ul>
 * Answers are kept for {@code window} after their call ended, {@code maxKeys} keys and {@code maxBytes} of answers at
 * most. Beyond that the oldest answers go first; a call in flight is never forgotten, and when every key is in flight a new one is refused (503
 * {@code idempotency_keys_full}) instead. Every call costs O(1): keys in flight sit in a hash map, answered ones in a
 * second map in the order they were answered, which is also the order they expire in, so expiry and eviction only
 * ever look at its head.
 */
public final class IdempotencyStore {

    /** 422 Unprocessable Content (RFC 9110 §15.5.21), which {@link Response.Status} does not name. */
    static final Response.StatusType UNPROCESSABLE_CONTENT = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    /** Who sent a key, to which endpoint, and the key: keys of different callers or endpoints never meet. */
    public record Scope(String caller, String endpoint, String key) {
    }

    private static final class InFlight {
        final byte[] fingerprint;
        final CompletableFuture<Object> answer = new CompletableFuture<>();

        InFlight(byte[] fingerprint) {
            this.fingerprint = fingerprint;
        }
    }

    private record Answered(byte[] fingerprint, Object answer, long bytes, long expiresAtNanos) {
    }

    private final long windowNanos;
    private final int maxKeys;
    private final long maxBytes;
    private final ToLongFunction<Object> weigh;
    private final LongSupplier nanoTime;
    private long answeredBytes;
    private final Object lock = new Object();
    private final Map<Scope, InFlight> inFlight = new HashMap<>();
    /** In the order the calls ended, so oldest and first to expire first. */
    private final LinkedHashMap<Scope, Answered> answered = new LinkedHashMap<>();

    /**
     * @param maxBytes what the remembered answers may weigh together, at most: past it the oldest go first
     * @param weigh    an answer's weight in bytes (an estimate of the memory it holds)
     */
    public IdempotencyStore(Duration window, int maxKeys, long maxBytes, ToLongFunction<Object> weigh) {
        this(window, maxKeys, maxBytes, weigh, System::nanoTime);
    }

    IdempotencyStore(Duration window, int maxKeys, long maxBytes, ToLongFunction<Object> weigh,
                     LongSupplier nanoTime) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.windowNanos = window.toNanos();
        this.maxKeys = maxKeys;
        this.maxBytes = maxBytes;
        this.weigh = weigh;
        this.nanoTime = nanoTime;
    }

    IdempotencyStore(Duration window, int maxKeys, LongSupplier nanoTime) {
        this(window, maxKeys, Long.MAX_VALUE, answer -> 0, nanoTime);
    }

    /**
     * Runs {@code call} unless {@code scope} already has an answer for the same {@code fingerprint}.
     *
     * @throws ApiException 422, 409 or 503 as described above, as the returned {@code Uni}'s failure
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> once(Scope scope, byte[] fingerprint, Supplier<Uni<T>> call) {
        InFlight fresh;
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            expire(now);
            InFlight running = inFlight.get(scope);
            if (running != null) {
                return Uni.createFrom().failure(Arrays.equals(running.fingerprint, fingerprint)
                        ? inFlightError(scope) : reusedError(scope));
            }
            Answered done = answered.get(scope);
            if (done != null) {
                return Arrays.equals(done.fingerprint(), fingerprint)
                        ? Uni.createFrom().item((T) done.answer())
                        : Uni.createFrom().failure(reusedError(scope));
            }
            if (inFlight.size() + answered.size() >= maxKeys && !evictOldestAnswered()) {
                return Uni.createFrom().failure(new ApiException(Response.Status.SERVICE_UNAVAILABLE,
                        "idempotency_keys_full", "all " + maxKeys + " remembered Idempotency-Keys belong to calls "
                        + "still in flight (gateway.idempotency-max-keys); nothing was done, retry later"));
            }
            fresh = new InFlight(fingerprint);
            inFlight.put(scope, fresh);
        }
        Uni<T> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            forget(scope, fresh);
            return Uni.createFrom().failure(e);
        }
        answer.subscribe().with(item -> {
            long bytes = weigh.applyAsLong(item);
            synchronized (lock) {
                if (inFlight.remove(scope, fresh)) {
                    answered.put(scope, new Answered(fresh.fingerprint, item, bytes, nanoTime.getAsLong() + windowNanos));
                    answeredBytes += bytes;
                    while (answeredBytes > maxBytes && evictOldestAnswered()) {
                        // the oldest answers go until the rest fit
                    }
                }
            }
            fresh.answer.complete(item);
        }, failure -> {
            forget(scope, fresh);
            fresh.answer.completeExceptionally(failure);
        });
        return Uni.createFrom().completionStage(() -> (CompletableFuture<T>) (CompletableFuture<?>) fresh.answer);
    }

    /** Keys remembered now, in flight or answered. */
    public int size() {
        synchronized (lock) {
            return inFlight.size() + answered.size();
        }
    }

    private void forget(Scope scope, InFlight entry) {
        synchronized (lock) {
            inFlight.remove(scope, entry);
        }
    }

    /** Drops the answers whose window has passed; they are at the head, since all windows are equally long. */
    private void expire(long now) {
        Iterator<Answered> oldest = answered.values().iterator();
        while (oldest.hasNext()) {
            Answered next = oldest.next();
            if (next.expiresAtNanos() - now > 0) {
                return;
            }
            oldest.remove();
            answeredBytes -= next.bytes();
        }
    }

    private boolean evictOldestAnswered() {
        Iterator<Answered> oldest = answered.values().iterator();
        if (!oldest.hasNext()) {
            return false;
        }
        answeredBytes -= oldest.next().bytes();
        oldest.remove();
        return true;
    }

    private static ApiException reusedError(Scope scope) {
        return new ApiException(UNPROCESSABLE_CONTENT, "idempotency_key_reused", "Idempotency-Key '" + scope.key()
                + "' was already used for a different request to this endpoint; a new request needs a new key");
    }

    private static ApiException inFlightError(Scope scope) {
        return new ApiException(Response.Status.CONFLICT, "idempotency_key_in_flight", "the first request with "
                + "Idempotency-Key '" + scope.key() + "' is still being processed; retry once it has been answered");
    }
}
