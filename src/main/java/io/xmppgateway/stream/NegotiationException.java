package io.xmppgateway.stream;

/** The server and the gateway could not agree on how to set up the stream. */
public class NegotiationException extends RuntimeException {
    public NegotiationException(String message) {
        super(message);
    }
}
