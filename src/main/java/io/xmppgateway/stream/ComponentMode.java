package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import io.vertx.core.Future;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.store.SharedStore;

/**
 * The {@code component} transport's part of a session (XEP-0114): a {@code jabber:component:accept} stream to
 * {@code xmpp.component.domain} and the handshake with {@code xmpp.component.secret}; acknowledgement by a ping
 * after each batch ({@link PingAcknowledgement}), since no server offers XEP-0198 on component streams. Such a stream
 * is never resumed: each one is new, and what no answer covered on the last one is written again on it first, with
 * the same ids (at-least-once). Nothing inbound is counted for the server, which asks for no acknowledgement.
 * Replicas sharing a store connect all ({@code xmpp.component.connections=all}: the server balances the domain), or
 * one at a time, the lease holder ({@code one}, the default: {@link ComponentLease}).
 */
final class ComponentMode implements SessionMode {

    private final SessionMode.Parts parts;
    private final XmppConfig config;
    private final ComponentAddresses addresses;
    private final PingAcknowledgement acks;
    private final Optional<ComponentLease> lease; // present when the replicas take turns on one connection
    private SessionStatus.Session session;

    ComponentMode(SessionMode.Parts parts, SharedStore store) {
        this.parts = parts;
        this.config = parts.config();
        this.addresses = ComponentAddresses.of(config);
        this.acks = new PingAcknowledgement(addresses.domain(), addresses.serverDomain());
        boolean oneConnection = config.component().connections() == XmppConfig.Component.Connections.ONE;
        String domain = addresses.domain().domain();
        this.lease = oneConnection && store.shared()
                ? Optional.of(new ComponentLease(parts.vertx(), new ActiveReplica(store, parts.context(), domain,
                        config.resource(), config.lease().ttl()), parts.status(), domain, config.lease().ttl()))
                : Optional.empty();
    }

    @Override
    public String who() {
        return "component " + addresses.domain();
    }

    @Override
    public Jid serverDomain() {
        return addresses.serverDomain();
    }

    @Override
    public Optional<Jid> ownFrom() {
        return Optional.of(addresses.domain()); // a component's stanzas carry their from (XEP-0114 §3)
    }

    @Override
    public void start() {
        lease.ifPresentOrElse(ComponentLease::start, () -> parts.status().role(true, Optional.empty()));
    }

    @Override
    public Future<Void> turn() {
        return lease.map(ComponentLease::turn).orElse(Future.succeededFuture());
    }

    @Override
    public Optional<HostPort> resumeTarget() {
        return Optional.empty();
    }

    @Override
    public HostPort server() {
        return new HostPort(config.host().orElse(addresses.domain().domain()), config.port());
    }

    @Override
    public Future<XmppConnection> open(HostPort target) {
        return Login.open(parts.context(), parts.netClient(), config, parts.limits(), target,
                addresses.serverDomain().domain(), addresses.domain().domain());
    }

    @Override
    public Future<Boolean> negotiate(XmppConnection c) {
        String secret = config.component().secret().orElse("");
        return c.openComponentStream()
                .compose(header -> ComponentHandshake.authenticate(c, header, secret))
                .map(v -> {
                    session = new SessionStatus.Session(addresses.domain().toString(), "handshake", c.tlsProtocol());
                    // A new stream: what the last one did not get answered is held, to go first on this one.
                    parts.sm().startOver();
                    parts.sm().enable(null, false, null);
                    return false;
                });
    }

    @Override
    public SessionStatus.Session session() {
        return session;
    }

    @Override
    public void online(XmppConnection c, boolean resumed) {
        // No roster and no presence of its own: the server routes the whole domain here once the handshake is done.
        lease.ifPresent(held -> held.online(c));
    }

    @Override
    public void announced(boolean resumed) {
    }

    @Override
    public void requestAck(XmppConnection c) {
        c.write(acks.request(parts.sm().writtenOnStream()));
    }

    @Override
    public boolean acknowledgement(Element element, XmppConnection c) {
        OptionalLong h = acks.answer(element);
        if (h.isEmpty()) {
            return false;
        }
        parts.outbox().answered(Long.toString(h.getAsLong()));
        return true;
    }

    @Override
    public void streamEnded() {
        acks.clear();
        lease.ifPresent(ComponentLease::streamEnded);
    }

    @Override
    public boolean standby() {
        return false;
    }

    @Override
    public Future<Void> handOver() {
        lease.ifPresent(ComponentLease::stopping);
        return Future.succeededFuture();
    }

    @Override
    public void closing(XmppConnection c, boolean online) {
        // Nothing to say: the server asked for no acknowledgement, and presence is sent per address by the app.
    }

    @Override
    public Future<Void> closed() {
        return lease.map(ComponentLease::release).orElse(Future.succeededFuture());
    }

    @Override
    public String refusedAdvice() {
        return "XMPP component " + addresses.domain() + " refused: %s. Not retrying: fix xmpp.component.domain / "
                + "xmpp.component.secret (and the server's component configuration) and restart.";
    }

    @Override
    public String conflictAdvice() {
        return "Another connection holds component " + addresses.domain() + "; waiting %s "
                + (lease.isPresent() ? "(xmpp.lease.ttl: the replicas take turns, xmpp.component.connections=one)"
                        : "(xmpp.reconnect.conflict-delay)") + " before trying again.";
    }

    @Override
    public Duration conflictDelay() {
        return lease.isPresent() ? config.lease().ttl() : config.reconnect().conflictDelay();
    }

    @Override
    public void conflict() {
        lease.ifPresent(ComponentLease::conflict);
    }

    /**
     * A component stream's stanzas must carry {@code from} (XEP-0114 §3): one without (an IQ from {@code POST /v1/iq},
     * a handler's reply built without it) is sent from {@code xmpp.component.default-sender}.
     */
    @Override
    public OutboundStanza addressed(OutboundStanza stanza) {
        Element element = stanza.stanza().element();
        if (element.attribute("from") != null) {
            return stanza;
        }
        OutboundStanza stamped = OutboundStanza.of(Stanza.of(element.toBuilder()
                .attribute("from", addresses.defaultSender().toString()).build()).orElseThrow());
        return stanza.deadlineNanos().isPresent() ? stamped.withDeadline(stanza.deadlineNanos().getAsLong()) : stamped;
    }

    @Override
    public String acknowledgedBy() {
        return "acknowledged by a ping after each batch";
    }
}
