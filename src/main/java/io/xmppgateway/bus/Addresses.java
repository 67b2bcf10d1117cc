package io.xmppgateway.bus;

/** Every event-bus address the gateway uses. */
public final class Addresses {

    /**
     * Request/reply: an {@link OutboundStanza} to send; the reply is a {@link SendReceipt}, or a failure whose code is
     * a {@link SendFailure} ({@link SendFailure#reply}) by the stanza's deadline.
     */
    public static final String OUT = "xmpp.out";

    /**
     * Request/reply: an {@link InboundStanza} holding a {@code <message/>}; the (empty) reply hands it back once
     * handled, and the session then counts it for the server.
     */
    public static final String IN_MESSAGE = "xmpp.in.message";

    /** Request/reply: an {@link InboundStanza} holding a {@code <presence/>}, as {@link #IN_MESSAGE}. */
    public static final String IN_PRESENCE = "xmpp.in.presence";

    /** Request/reply: an {@link InboundStanza} holding an {@code <iq/>}, as {@link #IN_MESSAGE}. */
    public static final String IN_IQ = "xmpp.in.iq";

    private Addresses() {
    }
}
