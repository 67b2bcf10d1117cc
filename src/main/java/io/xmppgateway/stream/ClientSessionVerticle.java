package io.xmppgateway.stream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.net.NetClient;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * The {@code client} transport: one XMPP client session (RFC 6120 / 6121) on one socket, owned by this verticle.
 * Connects, secures, authenticates and binds; sends the stanzas it is asked to on {@link Addresses#OUT} and
 * publishes what arrives on {@code xmpp.in.*}; keeps the connection alive and reconnects with backoff when it
 * drops. A refused password stops the reconnection loop (see {@link SessionStatus}).
 */
public final class ClientSessionVerticle extends AbstractVerticle {

    private static final Logger LOG = Logger.getLogger(ClientSessionVerticle.class);

    /** Consecutive {@code see-other-host} redirects followed before treating them as a failure. */
    private static final int MAX_REDIRECTS = 5;

    private final XmppConfig config;
    private final DecoderLimits limits;
    private final SessionStatus status;
    private final Jid account;
    private final Backoff backoff;

    private NetClient netClient;
    private MessageConsumer<OutboundStanza> outbound;
    private XmppConnection connection;
    private Keepalive keepalive;
    private boolean online;
    private boolean stopped;
    private int attempts;
    private long reconnectTimer = -1;
    private long negotiationTimer = -1;
    private String redirectHost;
    private int redirectPort;
    private int redirects;

    public ClientSessionVerticle(XmppConfig config, DecoderLimits limits, SessionStatus status) {
        this.config = config;
        this.limits = limits;
        this.status = status;
        this.account = Jid.of(config.jid().orElseThrow(() -> new IllegalArgumentException("xmpp.jid is not set")))
                .bare();
        XmppConfig.Reconnect reconnect = config.reconnect();
        this.backoff = new Backoff(reconnect.initialDelay(), reconnect.maxDelay(), reconnect.multiplier(),
                reconnect.jitter(), ThreadLocalRandom.current());
    }

    @Override
    public void start() {
        netClient = vertx.createNetClient(TlsOptions.netClientOptions(config));
        outbound = vertx.eventBus().consumer(Addresses.OUT, this::send);
        connect();
    }

    @Override
    public void stop(Promise<Void> stopPromise) {
        stopped = true;
        vertx.cancelTimer(reconnectTimer);
        vertx.cancelTimer(negotiationTimer);
        Future<Void> unregistered = outbound.unregister();
        if (keepalive != null) {
            keepalive.stop();
        }
        if (connection != null) {
            if (online) {
                connection.write(Presence.builder().type(PresenceType.UNAVAILABLE).build().element());
            }
            connection.close();
        }
        status.stopped();
        unregistered.eventually(v -> netClient.close()).onComplete(v -> stopPromise.complete());
    }

    private void connect() {
        reconnectTimer = -1;
        attempts++;
        status.connecting(attempts);
        String host = redirectHost != null ? redirectHost : config.host().orElse(account.domain());
        int port = redirectHost != null ? redirectPort : config.port();
        LOG.infof("Connecting to %s:%d as %s (attempt %d)", host, port, account, attempts);
        negotiationTimer = vertx.setTimer(config.connectTimeout().toMillis(), id -> {
            if (!online && connection != null) {
                connection.closeWithError(new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                        "negotiation took longer than " + config.connectTimeout()));
            }
        });
        netClient.connect(port, host, account.domain())
                .compose(socket -> {
                    connection = new XmppConnection(socket, account.domain(), limits);
                    return negotiate(connection);
                })
                .onSuccess(this::sessionReady)
                .onFailure(this::attemptFailed);
    }

    private Future<SessionStatus.Session> negotiate(XmppConnection c) {
        String password = config.password().orElse("");
        String username = account.local().orElse("");
        return c.openStream(null)
                .compose(features -> StartTlsNegotiator.negotiate(c, features, config.tls()))
                .compose(features -> SaslNegotiator.authenticate(c, features, username, password))
                .compose(mechanism -> c.restartStream()
                        .compose(features -> ResourceBinder.bind(c, features, config.resource()))
                        .map(jid -> new SessionStatus.Session(jid.toString(), mechanism, c.tlsProtocol())));
    }

    private void sessionReady(SessionStatus.Session session) {
        vertx.cancelTimer(negotiationTimer);
        XmppConnection c = connection;
        online = true;
        attempts = 0;
        redirects = 0;
        backoff.reset();
        c.receiveWith(new XmppConnection.Receiver() {
            @Override
            public void element(Element element, int wireBytes) {
                received(element, wireBytes, false);
            }

            @Override
            public void oversized(Element head, int wireBytes) {
                received(head, wireBytes, true);
            }
        });
        // RFC 6121 §2.2 and §4.2: roster first, then initial presence, so presence arrives for known contacts.
        c.write(Iq.builder(IqType.GET).id("roster-1")
                .child(Element.empty("query", "jabber:iq:roster")).build().element());
        c.write(Presence.builder().build().element());
        keepalive = new Keepalive(vertx, c, Jid.of(account.domain()), config.keepaliveInterval(),
                config.keepaliveTimeout(), () -> {
                    LOG.warnf("No answer to a keepalive ping within %s: the connection is dead",
                            config.keepaliveTimeout());
                    c.closeWithError(new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                            "keepalive ping unanswered"));
                });
        keepalive.start();
        c.closed().onComplete(v -> connectionLost(c));
        status.online(session);
        LOG.infof("XMPP session online as %s (%s, %s)", session.jid(), session.saslMechanism(),
                session.tls().orElse("no TLS"));
    }

    private void received(Element element, int wireBytes, boolean oversized) {
        if (keepalive.received(element)) {
            return;
        }
        Stanza.of(element).ifPresentOrElse(stanza -> {
            String address = stanza instanceof Iq ? Addresses.IN_IQ
                    : stanza instanceof Presence ? Addresses.IN_PRESENCE
                    : Addresses.IN_MESSAGE;
            vertx.eventBus().publish(address, new InboundStanza(stanza, wireBytes, oversized));
        }, () -> LOG.debugf("Ignoring <%s xmlns='%s'/> from the server", element.name(), element.namespace()));
    }

    private void send(Message<OutboundStanza> request) {
        OutboundStanza stanza = request.body();
        if (!online) {
            request.fail(SendFailure.NOT_CONNECTED, "not connected to the XMPP server");
            return;
        }
        connection.write(stanza.xml())
                .onSuccess(v -> request.reply(new SendReceipt(stanza.stanza().id().orElse(null))))
                .onFailure(e -> request.fail(SendFailure.WRITE_FAILED, "write failed: " + e.getMessage()));
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
            return;
        }
        if (cause instanceof StreamErrorException error && error.condition() == StreamErrorCondition.SEE_OTHER_HOST
                && redirects < MAX_REDIRECTS && followRedirect(error.text())) {
            status.disconnected(cause.getMessage());
            scheduleReconnect(Duration.ZERO);
            return;
        }
        redirectHost = null;
        LOG.warnf("XMPP connection attempt %d failed: %s", attempts, describe(cause));
        status.disconnected(describe(cause));
        scheduleReconnect(backoff.next());
    }

    private void connectionLost(XmppConnection lost) {
        if (lost != connection) {
            return;
        }
        online = false;
        connection = null;
        keepalive.stop();
        if (stopped) {
            return;
        }
        Throwable cause = lost.failure();
        if (cause instanceof StreamErrorException error && error.condition() == StreamErrorCondition.SEE_OTHER_HOST
                && followRedirect(error.text())) {
            scheduleReconnect(Duration.ZERO);
            return;
        }
        LOG.warnf("XMPP session lost: %s", describe(cause));
        status.disconnected(describe(cause));
        scheduleReconnect(backoff.next());
    }

    private void scheduleReconnect(Duration delay) {
        if (stopped || reconnectTimer != -1) {
            return;
        }
        LOG.infof("Reconnecting in %d ms", delay.toMillis());
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> connect());
    }

    /** RFC 6120 §4.9.3.19: the text is {@code host}, {@code host:port} or {@code [ipv6]:port}. */
    private boolean followRedirect(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        String host = address;
        int port = config.port();
        int colon = address.lastIndexOf(':');
        if (colon > 0 && address.indexOf(']') < colon && (address.startsWith("[") || address.indexOf(':') == colon)) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            host = address.substring(0, colon);
        }
        redirectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        redirectPort = port;
        redirects++;
        LOG.infof("The server redirects to %s:%d (see-other-host)", redirectHost, redirectPort);
        return true;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "connection closed";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause instanceof StreamErrorException ? "stream error " + message : message;
    }
}
