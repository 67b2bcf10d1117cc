package io.xmppgateway.bus;

/** The failure codes a sender of an {@link OutboundStanza} can get back in place of a {@link SendReceipt}. */
public final class SendFailure {

    /** No XMPP session is up right now; retrying later may succeed. */
    public static final int NOT_CONNECTED = 503;

    /** Too many stanzas are already waiting for the server's acknowledgement; retrying later may succeed. */
    public static final int QUEUE_FULL = 429;

    /** The stanza could not be sent and acknowledged within {@code gateway.send-timeout}. */
    public static final int TIMED_OUT = 504;

    /** The server ended the stream over this stanza twice: it is not resent again (quarantined). */
    public static final int REJECTED = 422;

    /** The session was up but the write failed (the connection broke). */
    public static final int WRITE_FAILED = 502;

    private SendFailure() {
    }
}
