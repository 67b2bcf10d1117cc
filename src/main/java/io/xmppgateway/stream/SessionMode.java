package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;

/**
 * What differs between a {@code client} session and a {@code component} one, for {@link SessionVerticle}, which
 * owns everything they share (connect, reconnect, keepalive, the {@link Outbox} and its ledger, the {@link Inbox},
 * stop):
 * <ul>
 * <li>negotiation — login and bind or resume ({@link ClientMode}), or open a component stream and shake hands
 * ({@link ComponentMode});</li>
 * <li>acknowledgement — what asks the server to acknowledge what was written ({@code <r/>}, or a ping after the
 * batch) and what answers it ({@code <a h/>}, or the ping's answer), both ending in {@link Outbox#answered};</li>
 * <li>who the session is — its JID or domain, the server's domain, what happens once online and at close.</li>
 * </ul>
 * Lives on the session's event loop.
 */
interface SessionMode {

    /** What every mode is built from: the session's event loop and its ledger. */
    record Parts(Vertx vertx, Context context, NetClient netClient, XmppConfig config, DecoderLimits limits,
                 SessionStatus status, StreamManagement sm, Outbox outbox) {
    }

    /** Makes the mode once the session's parts exist (on {@code start}). */
    interface Factory {
        SessionMode create(Parts parts);
    }

    /** Who the session is, for logs: the account or the component's domain. */
    String who();

    /** The server's own domain, which keepalive pings go to. */
    Jid serverDomain();

    /** The {@code from} of the session's own stanzas, where the stream needs one (a component's); else empty. */
    Optional<Jid> ownFrom();

    /** Starts what lives as long as the session (a replica's role). */
    void start();

    /**
     * Completes when this replica may connect: at once, unless it is one of a component's replicas that share its one
     * connection and waits for the lease ({@link ComponentLease}).
     */
    Future<Void> turn();

    /** Where to connect: where a resumable stream asked to be resumed, if anywhere. */
    Optional<HostPort> resumeTarget();

    /** The server as configured. */
    HostPort server();

    /** A connection to {@code target}, not yet speaking XMPP. */
    Future<XmppConnection> open(HostPort target);

    /**
     * Negotiates the stream up to where stanzas flow, and readies the ledger: true if the previous stream was
     * resumed, false if this is a new one (what the server did not acknowledge is then resent on it).
     */
    Future<Boolean> negotiate(XmppConnection c);

    /** The session negotiated last, for health. */
    SessionStatus.Session session();

    /** Online, before what waited is written: a new client session fetches its roster and announces presence. */
    void online(XmppConnection c, boolean resumed);

    /** Said once online is logged: the role plays its part. */
    void announced(boolean resumed);

    /** Writes a request for acknowledgement of what was written so far on {@code c}. */
    void requestAck(XmppConnection c);

    /**
     * An element from the server that belongs to acknowledgement ({@code <a/>}, {@code <r/>}, a ping's answer):
     * handled here, true; anything else is a stanza for the inbox, false.
     */
    boolean acknowledgement(Element element, XmppConnection c);

    /** The stream ended: answers still awaited on it will never come. */
    void streamEnded();

    /** Whether this replica stands by now: what it reads is only handed on. */
    boolean standby();

    /** Shutdown: hands over to another replica if there is one. */
    Future<Void> handOver();

    /** Shutdown, the stream still up: what the mode says before closing it. */
    void closing(XmppConnection c, boolean online);

    /** Shutdown, the stream closed: gives up what only the connected replica may hold (a component's lease). */
    Future<Void> closed();

    /** The advice logged when the server refused the credentials and the session stops retrying. */
    String refusedAdvice();

    /** The advice logged when the server ended the stream with {@code conflict}. */
    String conflictAdvice();

    /**
     * The wait after {@code conflict}: {@code xmpp.reconnect.conflict-delay}, or where a lease decides which replica
     * connects, the lease's time to live.
     */
    Duration conflictDelay();

    /** The server ended the stream, or refused it, with {@code conflict}. */
    void conflict();

    /** What the session writes for a caller's stanza: a component's gets its {@code from}, if it has none. */
    OutboundStanza addressed(OutboundStanza stanza);

    /** How what is written gets acknowledged on the current stream, for the log. */
    String acknowledgedBy();
}
