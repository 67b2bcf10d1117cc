package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.store.SharedStore;

/**
 * The {@code client} transport's part of a session (RFC 6120 / 6121) as {@code xmpp.jid}: login (STARTTLS, SASL), then
 * resuming the previous stream (XEP-0198 §5) or binding a resource and enabling stream management; the roster and
 * initial presence of a new session; {@code <r/>} and {@code <a h/>}; and the replica's role among several of one
 * account ({@link ReplicaRole}).
 */
final class ClientMode implements SessionMode {

    private static final Logger LOG = Logger.getLogger(ClientMode.class);

    private final SessionMode.Parts parts;
    private final XmppConfig config;
    private final StreamManagement sm;
    private final Jid account;
    private final Login login;
    private final RosterRequest roster;
    private final ReplicaRole role;
    private SessionStatus.Session session;
    private Element boundWith; // the stream features of the last stream bound
    private boolean online;

    ClientMode(SessionMode.Parts parts, SharedStore store) {
        this.parts = parts;
        this.config = parts.config();
        this.sm = parts.sm();
        this.account = Jid.of(config.jid().orElseThrow(() -> new IllegalArgumentException("xmpp.jid is not set")))
                .bare();
        this.roster = new RosterRequest(account.toString());
        this.login = new Login(parts.context(), parts.netClient(), config, account, parts.limits());
        ActiveReplica replica = new ActiveReplica(store, parts.context(), account.toString(), config.resource(),
                config.lease().ttl());
        this.role = new ReplicaRole(parts.vertx(), replica, new Takeover(parts.vertx(), config, login,
                Jid.of(account.domain())), parts.status(), currentStream(), parts.outbox()::writeOwn,
                config.resource(), config.lease().ttl());
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
                return sm.inbound().handled();
            }
        };
    }

    @Override
    public String who() {
        return account.toString();
    }

    @Override
    public Jid serverDomain() {
        return Jid.of(account.domain());
    }

    @Override
    public Optional<Jid> ownFrom() {
        return Optional.empty(); // the server stamps the bound JID (RFC 6120 §8.1.2.1)
    }

    @Override
    public void start() {
        role.start();
    }

    @Override
    public Future<Void> turn() {
        return Future.succeededFuture(); // every replica binds a resource of its own
    }

    @Override
    public Optional<HostPort> resumeTarget() {
        // XEP-0198 §5: a session is resumed where the server said (location).
        return sm.resumeId().flatMap(id -> sm.location()).flatMap(l -> HostPort.parse(l, config.port()));
    }

    @Override
    public HostPort server() {
        return login.server();
    }

    @Override
    public Future<XmppConnection> open(HostPort target) {
        return login.open(target);
    }

    @Override
    public Future<Boolean> negotiate(XmppConnection c) {
        // Whether the previous session was resumed (XEP-0198) rather than a new one bound.
        return login.authenticate(c).compose(in -> resumeOrBind(c, in.features(), in.mechanism()));
    }

    private Future<Boolean> resumeOrBind(XmppConnection c, Element features, String mechanism) {
        if (sm.resumeId().isPresent() && SmNegotiator.offered(features) && session != null) {
            // The server may send the roster's answer again once resumed, in the same read as <resumed/>.
            roster.lastId().ifPresent(id -> c.expectLarge(id, roster.account(), rosterBytes()));
            return SmNegotiator.resume(c, sm.resumeId().orElseThrow(), sm.inbound().resumeFrom()).compose(answer -> {
                if (answer.name().equals("resumed")) {
                    sm.resumed();
                    return parts.outbox().acknowledge(answer.attribute("h")).map(true);
                }
                // <failed/>: what the server says it handled is done; the rest goes again in a new session.
                Future<Void> acked = answer.attribute("h") == null ? Future.succeededFuture()
                        : parts.outbox().acknowledge(answer.attribute("h"));
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

    @Override
    public SessionStatus.Session session() {
        return session;
    }

    @Override
    public void online(XmppConnection c, boolean resumed) {
        online = true;
        if (!resumed) {
            // RFC 6121 §2.2 and §4.2: roster first, then initial presence, so presence arrives for known contacts.
            Element request = roster.request(boundWith);
            c.expectLarge(request.attribute("id"), roster.account(), rosterBytes());
            parts.outbox().writeOwn(request);
            parts.outbox().writeOwn(role.initialPresence());
        }
    }

    @Override
    public void announced(boolean resumed) {
        role.online(resumed);
    }

    @Override
    public void requestAck(XmppConnection c) {
        c.write(Element.empty("r", StreamManagement.NAMESPACE));
    }

    /** {@code <a/>} and {@code <r/>} from the server; and the roster's items, counted as they pass. */
    @Override
    public boolean acknowledgement(Element element, XmppConnection c) {
        if (!element.namespace().equals(StreamManagement.NAMESPACE)) {
            roster.seen(element, c.largeItems());
            return false;
        }
        if (element.name().equals("r")) {
            role.covering(sm.inbound().handled()).onSuccess(h -> {
                if (!c.closed().isComplete()) {
                    c.write(StreamManagement.acknowledgement(h));
                }
            });
        } else if (element.name().equals("a")) {
            parts.outbox().answered(element.attribute("h"));
        }
        return true;
    }

    @Override
    public void streamEnded() {
        online = false;
    }

    @Override
    public boolean standby() {
        return !role.active();
    }

    @Override
    public Future<Void> handOver() {
        return role.handOver();
    }

    @Override
    public void closing(XmppConnection c, boolean online) {
        if (online && sm.enabled()) {
            // What was handled is done: said now, the server does not deliver it again after we close.
            c.write(sm.inbound().acknowledgement());
        }
        if (online) {
            c.write(Presence.builder().type(PresenceType.UNAVAILABLE).build().toXml());
        }
    }

    @Override
    public Future<Void> closed() {
        return Future.succeededFuture(); // the lease was released by the hand-over
    }

    @Override
    public String refusedAdvice() {
        return "XMPP login as " + account + " refused: %s. Not retrying: fix xmpp.jid / xmpp.password and restart.";
    }

    @Override
    public String conflictAdvice() {
        return "Another client bound " + account + "/" + config.resource() + "; waiting %s "
                + "(xmpp.reconnect.conflict-delay) before taking it back. Give the gateway a resource of its own "
                + "(xmpp.resource).";
    }

    @Override
    public Duration conflictDelay() {
        return config.reconnect().conflictDelay();
    }

    @Override
    public void conflict() {
    }

    @Override
    public OutboundStanza addressed(OutboundStanza stanza) {
        return stanza; // the server stamps the session's JID
    }

    @Override
    public String acknowledgedBy() {
        return sm.enabled() ? "stream management on" : "no stream management";
    }
}
