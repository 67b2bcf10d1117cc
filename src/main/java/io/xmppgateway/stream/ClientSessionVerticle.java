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
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;
import io.xmppgateway.store.SharedStore;

/**
 * The {@code client} transport: one XMPP client session (RFC 6120 / 6121) on one socket, owned by this verticle.
 * Connects, secures, authenticates and binds; sends the stanzas it is asked to on {@link Addresses#OUT} and
 * hands what arrives to the dispatcher as requests on {@code xmpp.in.*}, counting each for the server once it is
 * handed back; keeps the connection alive and reconnects ({@link Reconnection}) when it drops. A refused password
 * stops the reconnection loop (see {@link SessionStatus}).
 */
public final class ClientSessionVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(ClientSessionVerticle.class);

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
    private final Jid account;
    private final Reconnection reconnection;
    private final StreamManagement sm;
    private final InboundCount inboundCount;
    private final InboundBackpressure backpressure;
    private final RosterRequest roster;
    private final SharedStore store;

    private NetClient netClient;
    private Login login;
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
    private SessionStatus.Session session;
    private ReplicaRole role;
    private Element boundWith; // the stream features of the last stream bound

    public ClientSessionVerticle(XmppConfig config, DecoderLimits limits, SessionStatus status, AckPolicy ackPolicy,
                                 SharedStore store) {
        this.config = config;
        this.store = store;
        this.limits = limits;
        this.status = status;
        this.ackPolicy = ackPolicy;
        this.sm = new StreamManagement(config.sm().maxUnacked(), config.sm().maxUnackedBytes());
        this.inboundCount = sm.inbound();
        this.backpressure = new InboundBackpressure(config.maxUnhandled(), config.maxUnhandledBytes(),
                this::pauseReading, this::resumeReading);
        this.account = Jid.of(config.jid().orElseThrow(() -> new IllegalArgumentException("xmpp.jid is not set")))
                .bare();
        this.roster = new RosterRequest(account.toString());
        XmppConfig.Reconnect reconnect = config.reconnect();
        this.reconnection = new Reconnection(new Backoff(reconnect.initialDelay(), reconnect.maxDelay(),
                reconnect.multiplier(), reconnect.jitter(), ThreadLocalRandom.current()), reconnect.stableAfter(),
                reconnect.flappingAfter(), reconnect.conflictDelay(), config.port());
    }

    @Override
    public void start() {
        netClient = vertx.createNetClient(TlsOptions.netClientOptions(config));
        login = new Login(context, netClient, config, account, limits);
        ackRequester = new AckRequester(vertx, config.sm(),
                () -> connection.write(Element.empty("r", StreamManagement.NAMESPACE)),
                () -> deadLink("No acknowledgement within " + config.sm().ackTimeout()));
        inbox = new Inbox(vertx, inboundCount, backpressure, () -> !role.active());
        outbox = new Outbox(vertx, config.sm(), ackPolicy, sm, ackRequester);
        outbound = vertx.eventBus().consumer(Addresses.OUT, this::send);
        sampler = vertx.setPeriodic(1000, t -> status.sampled(sm.waitingCount(), inboundCount.unhandledCount()));
        ActiveReplica replica = new ActiveReplica(store, context, account.toString(), config.resource(),
                config.lease().ttl());
        role = new ReplicaRole(vertx, replica, new Takeover(vertx, config, login, Jid.of(account.domain())), status,
                currentStream(), outbox::writeOwn, config.resource(), config.lease().ttl());
        role.start();
        connect();
    }

    /** This session's stream, as {@link ReplicaRole} records it for a takeover. */
    private ReplicaRole.Stream currentStream() {
        return new ReplicaRole.Stream() {
            @Override
            public boolean online() {
                return online;
            }

            @Override
            public Optional<String> resumeId() {
                return sm.enabled() ? sm.resumeId() : Optional.empty();
            }

            @Override
            public Optional<String> location() {
                return sm.location();
            }

            @Override
            public long handled() {
                return inboundCount.handled();
            }
        };
    }

    /**
     * Shutdown (SIGTERM): no new sends are taken (the API answers 503), the active replica hands over
     * ({@link ReplicaRole#handOver}), what was written gets a bounded wait for the
     * server's acknowledgement, then the stream is closed cleanly. What is still unacknowledged then fails to its
     * caller, who retries — against another replica or after the restart.
     */
    @Override
    public void stop(Promise<Void> stopPromise) {
        stopped = true;
        role.handOver().onComplete(handedOver -> drainAndClose(stopPromise));
    }

    private void drainAndClose(Promise<Void> stopPromise) {
        inbox.stop();
        vertx.cancelTimer(reconnectTimer);
        vertx.cancelTimer(negotiationTimer);
        vertx.cancelTimer(stableTimer);
        vertx.cancelTimer(sampler);
        Future<Void> unregistered = outbound.unregister();
        backpressure.release(); // the server's last acknowledgements must be read
        outbox.drain(config.sm().shutdownDrain()).onComplete(done -> {
            ackRequester.stop();
            if (keepalive != null) {
                keepalive.stop();
            }
            outbox.failAll();
            if (connection != null) {
                if (online && sm.enabled()) {
                    // What was handled is done: said now, the server does not deliver it again after we close.
                    connection.write(inboundCount.acknowledgement());
                }
                if (online) {
                    connection.write(Presence.builder().type(PresenceType.UNAVAILABLE).build().toXml());
                }
                connection.close();
            }
            status.stopped();
            unregistered.eventually(v -> netClient.close()).onComplete(v -> stopPromise.complete());
        });
    }

    private void connect() {
        reconnectTimer = -1;
        int attempt = reconnection.attempt();
        status.connecting(attempt);
        // XEP-0198 §5: a session is resumed where the server said (location), else where a redirect pointed.
        HostPort target = sm.resumeId().flatMap(id -> sm.location()).flatMap(l -> HostPort.parse(l, config.port()))
                .or(reconnection::redirect)
                .orElse(login.server());
        String host = target.host();
        int port = target.port();
        LOG.infof("Connecting to %s:%d as %s (attempt %d)", host, port, account, attempt);
        negotiationTimer = vertx.setTimer(config.connectTimeout().toMillis(), id -> {
            if (!online && connection != null) {
                connection.closeWithError(new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                        "negotiation took longer than " + config.connectTimeout()));
            }
        });
        login.open(target)
                .compose(c -> {
                    connection = c;
                    // Whether the previous session was resumed (XEP-0198) rather than a new one bound.
                    return login.authenticate(c).compose(in -> resumeOrBind(c, in.features(), in.mechanism()));
                })
                .onSuccess(this::sessionReady)
                .onFailure(this::attemptFailed);
    }

    private Future<Boolean> resumeOrBind(XmppConnection c, Element features, String mechanism) {
        if (sm.resumeId().isPresent() && SmNegotiator.offered(features) && session != null) {
            // The server may send the roster's answer again once resumed, in the same read as <resumed/>.
            roster.lastId().ifPresent(id -> c.expectLarge(id, roster.account(), rosterBytes()));
            return SmNegotiator.resume(c, sm.resumeId().orElseThrow(), sm.inbound().resumeFrom()).compose(answer -> {
                if (answer.name().equals("resumed")) {
                    sm.resumed();
                    return outbox.acknowledge(answer.attribute("h")).map(true);
                }
                // <failed/>: what the server says it handled is done; the rest goes again in a new session.
                Future<Void> acked = answer.attribute("h") == null ? Future.succeededFuture()
                        : outbox.acknowledge(answer.attribute("h"));
                LOG.infof("The server could not resume the session (%s): starting a new one",
                        answer.elements().stream().map(Element::name).findFirst().orElse("failed"));
                sm.startOver();
                return acked.compose(v -> bind(c, features, mechanism));
            });
        }
        sm.startOver();
        return bind(c, features, mechanism);
    }

    private Future<Boolean> bind(XmppConnection c, Element features, String mechanism) {
        boundWith = features;
        return ResourceBinder.bind(c, features, config.resource()).compose(jid -> {
            session = new SessionStatus.Session(jid.toString(), mechanism, c.tlsProtocol());
            if (!config.sm().enabled() || !SmNegotiator.offered(features)) {
                return Future.succeededFuture(false);
            }
            return SmNegotiator.enable(c, sm).map(false);
        });
    }

    /** The roster answer's bound: never below an ordinary stanza's. */
    private long rosterBytes() {
        return Math.max(config.maxRosterBytes(), config.maxStanzaBytes());
    }

    private void sessionReady(boolean resumed) {
        vertx.cancelTimer(negotiationTimer);
        XmppConnection c = connection;
        online = true;
        reconnection.online(System.nanoTime());
        // Before anything is read: a server may pipeline stanzas right behind the last negotiation step.
        keepalive = new Keepalive(vertx, outbox::writeOwn, Jid.of(account.domain()), config.keepaliveInterval(),
                config.keepaliveTimeout(), () -> deadLink("No answer to a keepalive ping within "
                        + config.keepaliveTimeout()));
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
        if (!resumed) {
            // RFC 6121 §2.2 and §4.2: roster first, then initial presence, so presence arrives for known contacts.
            Element request = roster.request(boundWith);
            c.expectLarge(request.attribute("id"), roster.account(), rosterBytes());
            outbox.writeOwn(request);
            outbox.writeOwn(role.initialPresence());
        }
        outbox.flushHeld();
        status.online(session, resumed);
        LOG.infof("XMPP session %s as %s (%s, %s, %s)", resumed ? "resumed" : "online", session.jid(),
                session.saslMechanism(), session.tls().orElse("no TLS"),
                sm.enabled() ? "stream management on" : "no stream management");
        role.online(resumed);
    }

    /** An element from the server: stream management's own, or a stanza for the {@link Inbox}. */
    private void received(Element element, int wireBytes, boolean oversized) {
        if (connection == null) {
            return; // read behind the end of a stream already given up: the server sends it again after resuming
        }
        if (element.namespace().equals(StreamManagement.NAMESPACE)) {
            streamManagement(element);
            return;
        }
        Optional<Stanza> stanza = Stanza.of(element);
        if (stanza.isEmpty()) {
            LOG.debugf("Ignoring <%s xmlns='%s'/> from the server", element.name(), element.namespace());
            return;
        }
        roster.seen(element, connection.largeItems());
        inbox.received(stanza.get(), wireBytes, oversized, keepalive::received);
    }

    private void send(Message<OutboundStanza> request) {
        if (authFailed || stopped) {
            (stopped ? SendFailure.SHUTTING_DOWN : SendFailure.NOT_CONNECTED).reply(request,
                    "not connected to the XMPP server: " + status.current().lastError().orElse("stopped"));
            return;
        }
        outbox.send(request);
    }

    /** {@code <a/>} and {@code <r/>} from the server. */
    private void streamManagement(Element element) {
        if (element.name().equals("r")) {
            XmppConnection asked = connection;
            role.covering(inboundCount.handled()).onSuccess(h -> {
                if (asked == connection) {
                    asked.write(StreamManagement.acknowledgement(h));
                }
            });
        } else if (element.name().equals("a")) {
            outbox.answered(element.attribute("h"));
        }
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
            LOG.errorf("XMPP login as %s refused: %s. Not retrying: fix xmpp.jid / xmpp.password and restart.",
                    account, cause.getMessage());
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
            LOG.errorf("%s: %s. Another client bound %s/%s; waiting %s (xmpp.reconnect.conflict-delay) before "
                    + "taking it back. Give the gateway a resource of its own (xmpp.resource).", what, plan.reason(),
                    account, config.resource(), plan.delay());
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
