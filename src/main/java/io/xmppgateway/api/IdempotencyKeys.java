package io.xmppgateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.store.SharedStore;

/**
 * {@code Idempotency-Key} on the send endpoints: a send retried with the same key gets the first call's answer instead
 * of sending again (see {@link IdempotencyStore} for the rules). A key is scoped by the caller's API key and the
 * endpoint, and bound to a fingerprint of the request: SHA-256 of the request as the endpoint read it, written back as
 * JSON (so spacing and the order of fields do not make a request different, any value does).
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The longest key accepted, in characters: a key is remembered, so its size is bounded (a UUID is 36). */
    static final int MAX_KEY_CHARS = 255;

    /** How long a claimed key outlives the longest call, should its replica die while the call runs. */
    static final Duration CLAIM_MARGIN = Duration.ofMinutes(1);

    @Inject
    GatewayConfig config;

    @Inject
    ApiKeys apiKeys;

    @Inject
    ObjectMapper json;

    @Inject
    SharedStore shared;

    private IdempotencyStore store;

    @PostConstruct
    void init() {
        // A call ends within gateway.send-timeout (the session owns the deadline); a claim lasts a minute longer.
        store = new IdempotencyStore(shared, json, config.idempotencyWindow(),
                config.sendTimeout().plus(CLAIM_MARGIN));
    }

    /**
     * Runs {@code call} once per key (none: every time).
     *
     * @param endpoint      the endpoint's name, e.g. {@code messages}
     * @param authorization the caller's {@code Authorization} header
     * @param key           the {@code Idempotency-Key} header
     * @param request       the request as read, fingerprinted
     * @param type          the answer's class, to read a remembered answer back
     */
    <T> Uni<T> once(String endpoint, String authorization, String key, Object request, Class<T> type,
                    Supplier<Uni<T>> call) {
        if (key == null || key.isBlank()) {
            return call.get();
        }
        if (key.length() > MAX_KEY_CHARS) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key is " + key.length() + " characters; at most " + MAX_KEY_CHARS + " are allowed");
        }
        IdempotencyStore.Scope scope = new IdempotencyStore.Scope(apiKeys.caller(authorization), endpoint, key);
        return store.once(scope, fingerprint(request), type, call);
    }

    /**
     * The id of the stanzas a call sends. With a key it is derived from the key's scope, so a retry of a call whose
     * fate was unknown (504: it may have arrived) sends its stanzas again with the same id, by which the receiver
     * can tell the copy; without one, a fresh id.
     */
    String stanzaId(String endpoint, String authorization, String key) {
        if (key == null || key.isBlank()) {
            return StanzaIds.next();
        }
        byte[] digest = sha256((apiKeys.caller(authorization) + '\u0000' + endpoint + '\u0000' + key)
                .getBytes(StandardCharsets.UTF_8));
        return "ik-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] fingerprint(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a " + request.getClass().getSimpleName(), e);
        }
    }
}
