package io.xmppgateway.store;

/**
 * The memory store holds {@code gateway.idempotency-max-keys} values that it may not drop ({@link Retention#KEEP}):
 * a new one is refused rather than grow memory without bound.
 */
public class StoreFullException extends RuntimeException {

    private final int maxKeys;

    public StoreFullException(int maxKeys) {
        super("all " + maxKeys + " values the store may hold are claims still in use");
        this.maxKeys = maxKeys;
    }

    public int maxKeys() {
        return maxKeys;
    }
}
