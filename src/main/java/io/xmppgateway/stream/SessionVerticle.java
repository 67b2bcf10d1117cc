package io.xmppgateway.stream;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.net.NetClient;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;
import io.xmppgateway.store.SharedStore;

/**
 * The {@code client} and {@code component} transports: one XMPP session on one socket, owned by this verticle.
 * Connects and has its {@link SessionMode} negotiate the stream (client: login and bind or resume; component: the
 * XEP-0114 handshake); sends the stanzas it is asked to on {@link Addresses#OUT} through the {@link Outbox}, whose
 * ledger the mode's acknowledgements answer, and hands what arrives to the dispatcher as requests on
 * {@code xmpp.in.*} through the {@link Inbox}; keeps the connection alive and reconnects ({@link Reconnection}) when
 * it drops. Refused credentials (a password, a component secret) stop the reconnection loop (see
 * {@link SessionStatus}).
 */
public final class SessionVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(SessionVerticle.class);

    /** Stream errors that mean the server objected to something the gateway sent (RFC 6120 §4.9.3). */
    private static final Set<StreamErrorCondition> STANZA_FAULTS = EnumSet.of(
            StreamErrorCondition.BAD_FORMAT, StreamErrorCondition.IMPROPER_ADDRESSING, StreamErrorCondition.INVALID_FROM,
            StreamErrorCondition.INVALID_NAMESPACE, StreamErrorCondition.INVALID_XML, StreamErrorCondition.NOT_WELL_FORMED,
            StreamErrorCondition.POLICY_VIOLATION, StreamErrorCondition.RESTRICTED_XML,
            StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, StreamErrorCondition.UNDEFINED_CONDITION);

    private final XmppConfig config;
    private final DecoderLimits limits;
    private final SessionStatus status;
    private final AckPolicy ackPolicy;
    private final SessionMode.Factory modes;
    private Reconnection reconnection;
    private final StreamManagement sm;
    private final InboundCount inboundCount;
    private final InboundBackpressure backpressure;

    private NetClient netClient;
    private SessionMode mode;
    private MessageConsumer<OutboundStanza> outbound;
    private XmppConnection connection;
    private Keepalive keepalive;
    private boolean online;
    private boolean stopped;
    private long reconnectTimer = -1;
    private long negotiationTimer = -1;
    private long stableTimer = -1;
    private long sampler = -1;
    private boolean authFailed;
    private AckRequester ackRequester;
    private Outbox outbox;
    private Inbox inbox;

    /** A {@code client} session as {@code xmpp.jid}; {@code store} holds the replicas' lease. */
    public static SessionVerticle client(XmppConfig config, DecoderLimits limits, SessionStatus status,
                                         AckPolicy ackPolicy, SharedStore store) {
        config.jid().orElseThrow(() -> new IllegalArgumentException("xmpp.jid is not set"));
        return new SessionVerticle(config, limits, status, ackPolicy, parts -> new ClientMode(parts, store));
    }

    /**
     * A {@code component} session for {@code xmpp.component.domain} (XEP-0114); {@code store} holds the lease on its
     * one connection ({@code xmpp.component.connections=one}).
     */
    public static SessionVerticle component(XmppConfig config, DecoderLimits limits, SessionStatus status,
                                            AckPolicy ackPolicy, SharedStore store) {
        ComponentAddresses.of(config); // fails here, at deployment, if the configuration is wrong
        return new SessionVerticle(config, limits, status, ackPolicy, parts -> new ComponentMode(parts, store));
    }

    private SessionVerticle(XmppConfig config, DecoderLimits limits, SessionStatus status, AckPolicy ackPolicy,
                            SessionMode.Factory modes) {
        this.config = config;
        this.modes = modes;
        this.limits = limits;
        this.status = status;
        this.ackPolicy = ackPolicy;
        this.sm = new StreamManagement(config.sm().maxUnacked(), config.sm().maxUnackedBytes());
        this.inboundCount = sm.inbound();
        this.backpressure = new InboundBackpressure(config.maxUnhandled(), config.maxUnhandledBytes(),
                this::pauseReading, this::resumeReading);
    }

    @Override
    public void start() {
        netClient = vertx.createNetClient(TlsOptions.netClientOptions(config));
        ackRequester = new AckRequester(vertx, config.sm(), () -> mode.requestAck(connection),
                () -> deadLink("No acknowledgement within " + config.sm().ackTimeout()));
        inbox = new Inbox(vertx, inboundCount, backpressure, () -> mode.standby());
        outbox = new Outbox(vertx, config.sm(), ackPolicy, sm, ackRequester);
        mode = modes.create(new SessionMode.Parts(vertx, context, netClient, config, limits, status, sm, outbox));
        XmppConfig.Reconnect reconnect = config.reconnect();
        reconnection = new Reconnection(new Backoff(reconnect.initialDelay(), reconnect.maxDelay(),
                reconnect.multiplier(), reconnect.jitter(), ThreadLocalRandom.current()), reconnect.stableAfter(),
                reconnect.flappingAfter(), mode.conflictDelay(), config.port());
        outbound = vertx.eventBus().consumer(Addresses.OUT, this::send);
        sampler = vertx.setPeriodic(1000, t -> status.sampled(sm.waitingCount(), inboundCount.unhandledCount()));
        mode.start();
        connect();
    }

    /**
     * Shutdown (SIGTERM): no new sends are taken (the API answers 503), the active replica hands over
     * ({@link ReplicaRole#handOver}), what was written gets a bounded wait for the
     * server's acknowledgement, then the stream is closed cleanly — and then a component's lease is released
     * ({@link ComponentLease}), so that a standby connects without a {@code conflict}. What is still unacknowledged
     * then fails to its caller, who retries — against another replica or after the restart.
     */
    @Override
    public void stop(Promise<Void> stopPromise) {
        stopped = true;
        mode.handOver().onComplete(handedOver -> drainAndClose(stopPromise));
    }

    private void drainAndClose(Promise<Void> stopPromise) {
        inbox.stop();
        vertx.cancelTimer(reconnectTimer);
        vertx.cancelTimer(negotiationTimer);
        vertx.cancelTimer(stableTimer);
        vertx.cancelTimer(sampler);
        Future<Void> unregistered = outbound.unregister();
        backpressure.release(); // the server's last acknowledgements must be read
        outbox.drain(config.sm().shutdownDrain()).eventually(this::lastRead).onComplete(done -> {
            ackRequester.stop();
            if (keepalive != null) {
                keepalive.stop();
            }
            outbox.failAll();
            Future<Void> closed = Future.succeededFuture();
            if (connection != null) {
                mode.closing(connection, online);
                closed = connection.close();
            }
            closed.eventually(mode::closed).onComplete(released -> {
                status.stopped();
                unregistered.eventually(v -> netClient.close()).onComplete(v -> stopPromise.complete());
            });
        });
    }

    /**
     * Shutdown, after the outbound drain: a ping's answer — everything the server routed here before it has then been
     * read, the hand-over's lower priority included — and what was read handed back, so that the acknowledgement
     * said at close covers it; within {@code xmpp.sm.shutdown-drain}. What is not handed back by then the server keeps
     * (and bounces or delivers again, as it does for a session that ends).
     */
    private Future<Void> lastRead() {
        if (!online || keepalive == null) {
            return Future.succeededFuture();
        }
        Promise<Void> bounded = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, config.sm().shutdownDrain().toMillis()), id -> bounded.tryComplete());
        keepalive.roundTrip().compose(answered -> inbox.drained()).onComplete(done -> {
            vertx.cancelTimer(timer);
            bounded.tryComplete();
        });
        return bounded.future();
    }

    /** Connects once the mode says this replica may ({@link SessionMode#turn()}). */
    private void connect() {
        reconnectTimer = -1;
        mode.turn().onSuccess(v -> {
            if (!stopped) {
                open();
            }
        });
    }

    private void open() {
        int attempt = reconnection.attempt();
        status.connecting(attempt);
        // Where a stream is to be resumed (XEP-0198 §5: location), else where a redirect pointed.
        HostPort target = mode.resumeTarget().or(reconnection::redirect).orElse(mode.server());
        String host = target.host();
        int port = target.port();
        LOG.infof("Connecting to %s:%d as %s (attempt %d)", host, port, mode.who(), attempt);
        negotiationTimer = vertx.setTimer(config.connectTimeout().toMillis(), id -> {
            if (!online && connection != null) {
                connection.closeWithError(new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                        "negotiation took longer than " + config.connectTimeout()));
            }
        });
        mode.open(target)
                .compose(c -> {
                    connection = c;
                    return mode.negotiate(c);
                })
                .onSuccess(this::sessionReady)
                .onFailure(this::attemptFailed);
    }

    private void sessionReady(boolean resumed) {
        vertx.cancelTimer(negotiationTimer);
        XmppConnection c = connection;
        online = true;
        reconnection.online(System.nanoTime());
        // Before anything is read: a server may pipeline stanzas right behind the last negotiation step.
        keepalive = new Keepalive(vertx, outbox::writeOwn, mode.ownFrom(), mode.serverDomain(),
                config.keepaliveInterval(), config.keepaliveTimeout(),
                () -> deadLink("No answer to a keepalive ping within " + config.keepaliveTimeout()));
        keepalive.start();
        c.receiveWith(new XmppConnection.Receiver() {
            @Override
            public void element(Element element, int wireBytes) {
                received(element, wireBytes, false);
            }

            @Override
            public void uncounted(Element element, int wireBytes) {
                Stanza.of(element).ifPresent(stanza -> inbox.uncounted(stanza, wireBytes));
            }

            @Override
            public void oversized(Element head, int wireBytes) {
                received(head, wireBytes, true);
            }
        }, () -> {
            if (sm.enabled()) {
                ackRequester.beforeFlush();
            }
        });
        c.closed().onComplete(v -> connectionLost(c));
        stableTimer = vertx.setTimer(Math.max(1, config.reconnect().stableAfter().toMillis()), id -> stable());
        outbox.online(c, resumed);
        mode.online(c, resumed);
        outbox.flushHeld();
        SessionStatus.Session session = mode.session();
        status.online(session, resumed);
        LOG.infof("XMPP session %s as %s (%s, %s, %s)", resumed ? "resumed" : "online", session.jid(),
                session.saslMechanism(), session.tls().orElse("no TLS"),
                mode.acknowledgedBy());
        mode.announced(resumed);
    }

    /** An element from the server: the mode's acknowledgement, or a stanza for the {@link Inbox}. */
    private void received(Element element, int wireBytes, boolean oversized) {
        if (connection == null) {
            return; // read behind the end of a stream already given up: the server sends it again after resuming
        }
        if (mode.acknowledgement(element, connection)) {
            return;
        }
        Optional<Stanza> stanza = Stanza.of(element);
        if (stanza.isEmpty()) {
            LOG.debugf("Ignoring <%s xmlns='%s'/> from the server", element.name(), element.namespace());
            return;
        }
        inbox.received(stanza.get(), wireBytes, oversized, keepalive::received);
    }

    private void send(Message<OutboundStanza> request) {
        if (authFailed || stopped) {
            (stopped ? SendFailure.SHUTTING_DOWN : SendFailure.NOT_CONNECTED).reply(request,
                    "not connected to the XMPP server: " + status.current().lastError().orElse("stopped"));
            return;
        }
        if (status.current().state() == SessionStatus.State.STANDBY) {
            SendFailure.NOT_CONNECTED.reply(request, "not connected to the XMPP server: standing by, "
                    + status.activeReplica().orElse("another replica") + " holds the component's connection");
            return;
        }
        outbox.send(request, mode.addressed(request.body()));
    }

    /**
     * Too much read and not yet handled: the rest waits at the server. Meanwhile the server's acknowledgements and
     * pongs cannot be read either, so their absence is not taken for a dead link.
     */
    private void pauseReading() {
        connection.pauseReading();
        keepalive.stop();
        ackRequester.pause();
    }

    private void resumeReading() {
        connection.resumeReading();
        keepalive.start();
        ackRequester.resume();
    }

    private void deadLink(String why) {
        if (connection != null) {
            LOG.warnf("%s: the connection is dead", why);
            connection.closeWithError(new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT, why));
        }
    }

    private void attemptFailed(Throwable cause) {
        vertx.cancelTimer(negotiationTimer);
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (cause instanceof AuthenticationException) {
            LOG.errorf(mode.refusedAdvice(), cause.getMessage());
            status.failed(cause.getMessage());
            authFailed = true;
            outbox.failHeld(cause.getMessage());
            return;
        }
        reconnect(cause, "XMPP connection attempt failed");
    }

    private void connectionLost(XmppConnection lost) {
        if (lost != connection) {
            return;
        }
        online = false;
        backpressure.reset();
        outbox.offline();
        connection = null;
        keepalive.stop();
        ackRequester.stop();
        sm.streamEnded();
        mode.streamEnded();
        if (stopped) {
            return;
        }
        lost.serverError().filter(error -> STANZA_FAULTS.contains(error.condition())).ifPresent(outbox::streamKilled);
        reconnect(lost.serverError().<Throwable>map(error -> error).orElse(lost.failure()), "XMPP session lost");
    }

    /** The session stayed up {@code stable-after}: the backoff starts over, and it is no longer flapping. */
    private void stable() {
        stableTimer = -1;
        if (reconnection.flapping()) {
            LOG.infof("XMPP session up for %s (xmpp.reconnect.stable-after): no longer flapping",
                    config.reconnect().stableAfter());
        }
        reconnection.stable();
        status.stable();
    }

    /** Says why, and connects again when and where {@link Reconnection} decides. */
    private void reconnect(Throwable cause, String what) {
        vertx.cancelTimer(stableTimer);
        stableTimer = -1;
        boolean wasFlapping = reconnection.flapping();
        Reconnection.Plan plan = reconnection.next(cause, System.nanoTime());
        status.disconnected(plan.reason(), reconnection.flapping());
        if (cause instanceof StreamErrorException error && error.condition() == StreamErrorCondition.CONFLICT) {
            LOG.errorf("%s: %s. " + mode.conflictAdvice(), what, plan.reason(), plan.delay());
            mode.conflict();
        } else {
            LOG.warnf("%s: %s", what, plan.reason());
        }
        if (reconnection.flapping() && !wasFlapping) {
            LOG.warnf("XMPP session flapping: lost %d times in a row within %s of login (last: %s). Readiness is "
                    + "DOWN until a session stays up that long.",
                    reconnection.quickLosses(), config.reconnect().stableAfter(), plan.reason());
        }
        reconnection.redirect().filter(target -> plan.delay().isZero()).ifPresent(target ->
                LOG.infof("The server redirects to %s:%d (see-other-host)", target.host(), target.port()));
        if (stopped || reconnectTimer != -1) {
            return;
        }
        LOG.infof("Reconnecting in %d ms", plan.delay().toMillis());
        reconnectTimer = vertx.setTimer(Math.max(1, plan.delay().toMillis()), id -> connect());
    }
}
