package io.xmppgateway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The one place state lives that every replica of the gateway must see alike: the daily quota counters, the
 * {@code Idempotency-Key} records, and later the session lease, delivery status, subscriptions and rooms. Two
 * implementations, chosen by {@code gateway.store}: {@link MemoryStore} (one replica, nothing to install) and
 * {@link RedisStore} (several replicas). Nobody else knows which one runs.
 *
 * <p>The interface offers small primitives, each one atomic on its own, that the features are built of:
 * <ul>
 * <li>counters — {@link #addWithinCaps}: several counters of one key grown together only if none passes its cap
 * (the quotas);</li>
 * <li>values — {@link #putIfAbsent}, {@link #get}, {@link #replaceIfEquals}, {@link #deleteIfEquals}: a claim that
 * only one caller wins, read, and changed or released only by whoever still holds what it wrote (an idempotency
 * record; a lease: set-if-absent with a TTL, renewed and released only with the holder's token) — and
 * {@link #put} / {@link #delete} for state whose last writer wins (a component's subscriptions).</li>
 * </ul>
 * Every entry has a time to live, so nothing a crashed replica wrote outlives it for long. Every call answers on a
 * {@link Uni} and never blocks its caller; a store it cannot reach fails the call with
 * {@link StoreUnavailableException} within {@code gateway.store-timeout}, and the caller decides what that means.
 * Keys of different features never meet: each uses its own prefix ({@code quota:}, {@code idempotency:}, …).
 */
public interface SharedStore {

    /** {@code memory} or {@code redis}, as in {@code gateway.store}. */
    String kind();

    /** Whether other processes see the same store: only then can there be other replicas to coordinate with. */
    boolean shared();

    /** Answers once the store can be used; fails with {@link StoreUnavailableException} when it cannot. */
    Uni<Void> ping();

    /**
     * Adds every delta to the counters of {@code key} if none would pass its cap; otherwise changes nothing. In one
     * atomic step, whatever other replicas do meanwhile.
     *
     * @param deltas    how much each counter grows by
     * @param caps      the cap of each capped counter (a counter without one only counts)
     * @param expiresAt when the counters of {@code key} are dropped; set again by every call that adds
     * @return the first counter that would pass its cap, or the totals after adding
     */
    Uni<Counted> addWithinCaps(String key, Map<String, Long> deltas, Map<String, Long> caps, Instant expiresAt);

    /** The counters of {@code key}; absent counters are 0. */
    Uni<Map<String, Long>> counters(String key);

    /**
     * Writes {@code value} unless {@code key} has one.
     *
     * @return whether this call wrote it
     * @throws StoreFullException (as the failure) a {@link Retention#KEEP} value does not fit in memory
     */
    Uni<Boolean> putIfAbsent(String key, String value, Duration ttl, Retention retention);

    /** The value of {@code key}, if it has one that has not expired. */
    Uni<Optional<String>> get(String key);

    /**
     * Writes {@code value}, with a new time to live, only if {@code key} still holds {@code expected}.
     *
     * @return whether it did
     */
    Uni<Boolean> replaceIfEquals(String key, String expected, String value, Duration ttl, Retention retention);

    /**
     * Deletes {@code key} only if it still holds {@code expected}.
     *
     * @return whether it did
     */
    Uni<Boolean> deleteIfEquals(String key, String expected);

    /**
     * Writes {@code value}, whatever {@code key} held: state whose last writer wins (an address's presence, a
     * subscription).
     *
     * @throws StoreFullException (as the failure) a {@link Retention#KEEP} value does not fit in memory
     */
    Uni<Void> put(String key, String value, Duration ttl, Retention retention);

    /** Deletes {@code key}, if it has a value. */
    Uni<Void> delete(String key);
}
