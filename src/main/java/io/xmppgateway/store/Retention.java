package io.xmppgateway.store;

/**
 * Whether a value may leave the store before its time to live. {@link MemoryStore} is bounded in keys and bytes
 * ({@code gateway.idempotency-max-keys}, {@code -max-bytes}) and makes room by dropping the oldest evictable values;
 * Redis keeps every value until it expires (run it without eviction, {@code maxmemory-policy noeviction}).
 */
public enum Retention {
    /** Coordination: a claim or a lease. Never dropped early; when none fits, the write fails ({@link StoreFullException}). */
    KEEP,
    /** What can be lost at the price of doing work again, such as a remembered answer: the oldest go first. */
    EVICTABLE
}
