package io.xmppgateway.bus;

/** Every event-bus address the gateway uses. */
public final class Addresses {

    /**
     * Request/reply: an {@link OutboundStanza} to send; the reply is a {@link SendReceipt}, or a failure whose code is
     * a {@link SendFailure} ({@link SendFailure#reply}) by the stanza's deadline.
     */
    public static final String OUT = "xmpp.out";

    /** Publish: an {@link InboundStanza} holding a {@code <message/>}. */
    public static final String IN_MESSAGE = "xmpp.in.message";

    /** Publish: an {@link InboundStanza} holding a {@code <presence/>}. */
    public static final String IN_PRESENCE = "xmpp.in.presence";

    /** Publish: an {@link InboundStanza} holding an {@code <iq/>}. */
    public static final String IN_IQ = "xmpp.in.iq";

    /**
     * Send: the {@link InboundStanza} that every handler and webhook has taken (or given up on), back to the
     * session, which then reports its ticket handled to the server and frees its bytes.
     */
    public static final String IN_HANDLED = "xmpp.in.handled";

    private Addresses() {
    }
}
