package io.xmppgateway.store;

/**
 * The store could not be reached, or did not answer within {@code gateway.store-timeout}: the call did nothing that
 * its caller can count on. The API answers 503 {@code store_unavailable} with {@code Retry-After}.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
