package io.xmppgateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.store.Retention;
import io.xmppgateway.store.SharedStore;
import io.xmppgateway.store.StoreFullException;

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
 * The records live in the {@link SharedStore}, so a retry sent to another replica meets the same rules. A call first
 * claims its key (set-if-absent, {@link Retention#KEEP}: never dropped while it runs, and gone after
 * {@code claimTtl} should its replica die), then replaces the claim with its answer as JSON
 * ({@link Retention#EVICTABLE}), kept for {@code window}; only the claim's holder can replace or release it. With the
 * memory store, its bounds ({@code gateway.idempotency-max-keys}, {@code -max-bytes}) drop the oldest answers first,
 * and when every key is claimed a new one is refused (503 {@code idempotency_keys_full}). A store that cannot be
 * reached refuses keyed calls (503 {@code store_unavailable}): nothing is done that a retry could repeat.
 */
public final class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    static final String PREFIX = "idempotency:";

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

    /**
     * A key's record in the store: its request's fingerprint, and either the claim of the call running (a random
     * token) or that call's answer.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Held(String fingerprint, String claim, JsonNode answer) {
    }

    private final SharedStore store;
    private final ObjectMapper json;
    private final Duration window;
    private final Duration claimTtl;

    /**
     * @param window   how long an answer is remembered after its call ended
     * @param claimTtl how long a claim outlives a replica that died while its call ran; longer than any call takes
     */
    public IdempotencyStore(SharedStore store, ObjectMapper json, Duration window, Duration claimTtl) {
        this.store = store;
        this.json = json;
        this.window = window;
        this.claimTtl = claimTtl;
    }

    /**
     * Runs {@code call} unless {@code scope} already has an answer for the same {@code fingerprint}.
     *
     * @param type the answer's class, to read a remembered answer back
     * @return the answer; or fails with an {@link ApiException} (422, 409 or 503 as described above) or
     *         {@link io.xmppgateway.store.StoreUnavailableException}
     */
    public <T> Uni<T> once(Scope scope, byte[] fingerprint, Class<T> type, Supplier<Uni<T>> call) {
        return claim(scope, key(scope), Base64.getEncoder().encodeToString(fingerprint), type, call, true);
    }

    private <T> Uni<T> claim(Scope scope, String key, String fingerprint, Class<T> type, Supplier<Uni<T>> call,
                             boolean firstTry) {
        String claim = write(new Held(fingerprint, token(), null));
        return store.putIfAbsent(key, claim, claimTtl, Retention.KEEP)
                .onFailure(StoreFullException.class).transform(full -> new ApiException(
                        Response.Status.SERVICE_UNAVAILABLE, "idempotency_keys_full", "all "
                        + ((StoreFullException) full).maxKeys() + " remembered Idempotency-Keys belong to calls "
                        + "still in flight (gateway.idempotency-max-keys); nothing was done, retry later"))
                .chain(claimed -> claimed ? run(key, claim, fingerprint, call) : store.get(key).chain(held -> {
                    if (held.isPresent()) {
                        return earlier(scope, fingerprint, type, read(held.get()));
                    }
                    // Released or expired since: claim it again, once.
                    return firstTry ? claim(scope, key, fingerprint, type, call, false)
                            : Uni.createFrom().failure(inFlightError(scope));
                }));
    }

    private <T> Uni<T> earlier(Scope scope, String fingerprint, Class<T> type, Held held) {
        if (!held.fingerprint().equals(fingerprint)) {
            return Uni.createFrom().failure(reusedError(scope));
        }
        if (held.answer() == null) {
            return Uni.createFrom().failure(inFlightError(scope));
        }
        return Uni.createFrom().item(() -> {
            try {
                return json.treeToValue(held.answer(), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a remembered answer is not a " + type.getSimpleName(), e);
            }
        });
    }

    /**
     * Runs the call on its own, not as part of the caller's subscription: a caller that goes away does not stop it
     * from being answered and remembered. The caller gets the answer once it is remembered, so that a retry right
     * after it finds it.
     */
    private <T> Uni<T> run(String key, String claim, String fingerprint, Supplier<Uni<T>> call) {
        Uni<T> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            return release(key, claim).chain(() -> Uni.createFrom().<T>failure(e));
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        answer.subscribe().with(
                item -> remember(key, claim, fingerprint, item).subscribe().with(
                        remembered -> done.complete(item), failure -> done.complete(item)),
                failure -> release(key, claim).subscribe().with(
                        released -> done.completeExceptionally(failure), e -> done.completeExceptionally(failure)));
        return Uni.createFrom().completionStage(done);
    }

    private Uni<Boolean> remember(String key, String claim, String fingerprint, Object answer) {
        return Uni.createFrom().deferred(() -> store.replaceIfEquals(key, claim,
                        write(new Held(fingerprint, null, json.valueToTree(answer))), window, Retention.EVICTABLE))
                .onFailure().invoke(e -> LOG.warnf("Could not remember the answer for Idempotency-Key %s: %s; "
                        + "retries are refused until the claim expires (%s)", key, e.getMessage(), claimTtl));
    }

    /** Forgets a failed call, so that its retry really retries. */
    private Uni<Boolean> release(String key, String claim) {
        return store.deleteIfEquals(key, claim).onFailure().recoverWithItem(e -> {
            LOG.warnf("Could not release Idempotency-Key %s: %s; retries are refused until the claim expires (%s)",
                    key, e.getMessage(), claimTtl);
            return false;
        });
    }

    /** A claim's token: unique among the claims of one key, not a secret, so no need for a secure random. */
    private static String token() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    /** The store key: the endpoint, and a digest of caller and key, which bounds its length. */
    static String key(Scope scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((scope.caller() + '\u0000' + scope.key()).getBytes(StandardCharsets.UTF_8));
            return PREFIX + scope.endpoint() + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Held held) {
        try {
            return json.writeValueAsString(held);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an Idempotency-Key record", e);
        }
    }

    private Held read(String stored) {
        try {
            return json.readValue(stored, Held.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an Idempotency-Key record is not readable: " + stored, e);
        }
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
