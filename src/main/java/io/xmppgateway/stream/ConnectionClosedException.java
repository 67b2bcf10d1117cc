package io.xmppgateway.stream;

/** The connection to the server ended (closed by either side, or a network error). */
public class ConnectionClosedException extends RuntimeException {
    public ConnectionClosedException(String message) {
        super(message);
    }
}
