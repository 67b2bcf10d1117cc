package io.xmppgateway.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Show;
import io.xmppgateway.store.Retention;
import io.xmppgateway.store.SharedStore;

/**
 * What the gateway answers to subscription requests and presence probes, under the subscription policy
 * ({@code gateway.subscriptions}: App Engine's {@code accept-all}, or {@code manual}).
 *
 * <p>A client session's roster lives on the server, which answers probes and keeps subscriptions itself: the gateway
 * only approves requests. A component (XEP-0114) has no roster on the server — requests and probes for any address
 * of its domain reach it as they come — so here the gateway keeps what a server would, per address
 * (RFC 6121 §3, §4.3): who is subscribed to which address, in the {@link SharedStore} (forgotten on restart with the
 * memory store); each address's own presence, what {@code POST /v1/presence} last sent from it (available until
 * then); and the answers: a request approved under the address's policy gets {@code subscribed}, the address's
 * presence and a request back; a probe from a subscriber gets the address's presence. Subscription stanzas go from
 * the bare address (RFC 6121 §3.1.1).
 */
@ApplicationScoped
public class Roster {

    private static final Logger LOG = Logger.getLogger(Roster.class);

    /**
     * How long a subscription or an address's presence is kept after it was last written: subscriptions have no end
     * in XMPP, but every entry in the store has one; each request or probe writes it again.
     */
    static final Duration KEPT = Duration.ofDays(400);

    /** Who may receive whose presence (RFC 6121 §2.1.2.5): none, from (the contact gets the address's), to, both. */
    private enum Subscription {
        NONE, FROM, TO, BOTH;

        Subscription with(Subscription direction) {
            return of(hasFrom() || direction == FROM, hasTo() || direction == TO);
        }

        Subscription without(Subscription direction) {
            return of(hasFrom() && direction != FROM, hasTo() && direction != TO);
        }

        boolean hasFrom() {
            return this == FROM || this == BOTH;
        }

        boolean hasTo() {
            return this == TO || this == BOTH;
        }

        static Subscription of(boolean from, boolean to) {
            return from ? (to ? BOTH : FROM) : (to ? TO : NONE);
        }
    }

    @Inject
    GatewayConfig gateway;

    @Inject
    XmppConfig xmpp;

    @Inject
    SharedStore store;

    private Optional<ComponentAddresses> component = Optional.empty();

    @PostConstruct
    void init() {
        if (xmpp.transport().filter(transport -> transport == XmppConfig.Transport.COMPONENT).isPresent()) {
            component = Optional.of(ComponentAddresses.of(xmpp));
            if (!store.shared()) {
                LOG.infof("Component %s: subscriptions to its addresses are kept in memory (gateway.store=memory) "
                        + "and forgotten on restart", component.get().domain());
            }
        }
    }

    /** Whether the gateway probes contacts itself: a component's server does not do it for it. */
    public boolean probes() {
        return component.isPresent();
    }

    /**
     * Whether a component's address gets the contact's presence (the contact approved its request): only then does
     * a probe from it get an answer worth waiting for — the contact's server reveals nothing to anyone else (RFC 6121
     * §4.3.2; some servers answer {@code unsubscribed}, which the app would see as a subscription change).
     */
    public Uni<Boolean> receivesPresenceOf(Jid address, Jid contact) {
        if (component.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return subscription(address.bare(), contact.bare()).map(Subscription::hasTo);
    }

    /**
     * The answers to an inbound presence, to send before handlers and webhooks see it; records what it changes.
     * Empty for presence that needs none (broadcasts, and everything under the {@code manual} policy except what the
     * contact was already granted).
     */
    public Uni<List<Presence>> answer(Presence inbound) {
        Optional<Jid> from = inbound.from();
        if (from.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Jid contact = from.get().bare();
        if (component.isEmpty()) {
            return Uni.createFrom().item(clientAnswer(inbound.type(), contact));
        }
        Optional<Jid> to = inbound.to().filter(component.get()::contains).map(Jid::bare);
        if (to.isEmpty() || to.get().local().isEmpty()) {
            return Uni.createFrom().item(List.of()); // the domain itself has no presence to share
        }
        return componentAnswer(inbound.type(), to.get(), contact);
    }

    /**
     * Approves {@code contact}'s subscription to {@code address} ({@code POST /v1/subscriptions/{jid}/approve}, or
     * the {@code accept-all} policy): {@code subscribed}, then — for a component, which speaks for its addresses —
     * the address's presence, and a request back unless the address already gets the contact's presence.
     *
     * @param address the address subscribed to, bare; empty: the session's own account
     */
    public Uni<List<Presence>> approve(Optional<Jid> address, Jid contact) {
        if (component.isEmpty() || address.isEmpty()) {
            return Uni.createFrom().item(List.of(subscriptionStanza(address, contact, PresenceType.SUBSCRIBED),
                    subscriptionStanza(address, contact, PresenceType.SUBSCRIBE)));
        }
        Jid bare = address.get().bare();
        return update(bare, contact, current -> current.with(Subscription.FROM))
                .chain(before -> presenceOf(bare, contact).map(presence -> {
                    List<Presence> answers = new ArrayList<>();
                    answers.add(subscriptionStanza(address, contact, PresenceType.SUBSCRIBED));
                    answers.add(presence);
                    if (!before.hasTo()) {
                        answers.add(subscriptionStanza(address, contact, PresenceType.SUBSCRIBE));
                    }
                    return answers;
                }));
    }

    /**
     * Denies {@code contact}'s subscription to {@code address}, or cancels it ({@code unsubscribed}); a component
     * also forgets it.
     */
    public Uni<List<Presence>> deny(Optional<Jid> address, Jid contact) {
        List<Presence> answer = List.of(subscriptionStanza(address, contact, PresenceType.UNSUBSCRIBED));
        if (component.isEmpty() || address.isEmpty()) {
            return Uni.createFrom().item(answer);
        }
        return update(address.get().bare(), contact, current -> current.without(Subscription.FROM))
                .map(before -> answer);
    }

    /**
     * Remembers the presence the app sent from an address ({@code POST /v1/presence}) as the address's own, the one
     * probes are answered with. Only a component's: a client's server keeps its account's.
     */
    public Uni<Void> sent(Presence presence) {
        Optional<Jid> from = presence.from();
        if (component.isEmpty() || from.isEmpty()
                || (presence.type() != PresenceType.AVAILABLE && presence.type() != PresenceType.UNAVAILABLE)) {
            return Uni.createFrom().voidItem();
        }
        JsonObject own = new JsonObject().put("type", presence.type().wireName().orElse("available"))
                .put("resource", from.get().resource().orElse(xmpp.resource()))
                .put("priority", presence.priority());
        presence.show().ifPresent(show -> own.put("show", show.wireName()));
        presence.status().ifPresent(status -> own.put("status", status));
        return store.put(presenceKey(from.get().bare()), own.encode(), KEPT, Retention.KEEP);
    }

    /** A component address's presence as sent to {@code to}: what the app last sent from it, by default available. */
    public Uni<Presence> presenceOf(Jid address, Jid to) {
        return store.get(presenceKey(address)).map(stored -> {
            JsonObject own = stored.map(JsonObject::new).orElseGet(JsonObject::new);
            Presence.Builder presence = Presence.builder()
                    .from(address.withResource(own.getString("resource", xmpp.resource())))
                    .to(to)
                    .type("unavailable".equals(own.getString("type")) ? PresenceType.UNAVAILABLE
                            : PresenceType.AVAILABLE)
                    .status(own.getString("status"));
            Optional.ofNullable(own.getString("show")).flatMap(Show::fromWire).ifPresent(presence::show);
            if (own.getInteger("priority", 0) != 0) {
                presence.priority(own.getInteger("priority"));
            }
            return presence.build();
        });
    }

    /** The policy of an address: {@code gateway.subscriptions-by-address.<local part>}, else the gateway's. */
    public GatewayConfig.Subscriptions policy(Jid address) {
        return address.local().map(gateway.subscriptionsByAddress()::get).orElse(gateway.subscriptions());
    }

    /** A client's server keeps the roster and answers probes: the gateway only approves, under the policy. */
    private List<Presence> clientAnswer(PresenceType type, Jid contact) {
        if (gateway.subscriptions() != GatewayConfig.Subscriptions.ACCEPT_ALL) {
            return List.of();
        }
        return switch (type) {
            case SUBSCRIBE -> List.of(subscriptionStanza(Optional.empty(), contact, PresenceType.SUBSCRIBED),
                    subscriptionStanza(Optional.empty(), contact, PresenceType.SUBSCRIBE));
            case UNSUBSCRIBE -> List.of(subscriptionStanza(Optional.empty(), contact, PresenceType.UNSUBSCRIBED));
            default -> List.of();
        };
    }

    private Uni<List<Presence>> componentAnswer(PresenceType type, Jid address, Jid contact) {
        boolean acceptAll = policy(address) == GatewayConfig.Subscriptions.ACCEPT_ALL;
        Optional<Jid> as = Optional.of(address);
        return switch (type) {
            // RFC 6121 §3.1.3: a contact already granted is approved again, whatever the policy.
            case SUBSCRIBE -> subscription(address, contact).chain(current -> acceptAll || current.hasFrom()
                    ? approve(as, contact) : Uni.createFrom().item(List.<Presence>of()));
            // §3.3.3: the contact no longer gets the address's presence, and is told it is gone.
            case UNSUBSCRIBE -> update(address, contact, current -> current.without(Subscription.FROM))
                    .chain(before -> presenceOf(address, contact))
                    .map(presence -> List.of(Presence.builder().from(presence.from().orElseThrow()).to(contact)
                            .type(PresenceType.UNAVAILABLE).build()));
            case SUBSCRIBED -> update(address, contact, current -> current.with(Subscription.TO))
                    .map(before -> List.of());
            case UNSUBSCRIBED -> update(address, contact, current -> current.without(Subscription.TO))
                    .map(before -> List.of());
            // §4.3.2: a subscriber gets the address's presence. Under accept-all a prober the store forgot (a
            // restart with the memory store) is granted again; otherwise nothing is said: an "unsubscribed" would
            // make the contact's server cancel what may only have been forgotten here.
            case PROBE -> subscription(address, contact).chain(current -> {
                if (!current.hasFrom() && !acceptAll) {
                    return Uni.createFrom().item(List.<Presence>of());
                }
                return update(address, contact, state -> state.with(Subscription.FROM))
                        .chain(before -> presenceOf(address, contact)).map(List::of);
            });
            default -> Uni.createFrom().item(List.of());
        };
    }

    private Uni<Subscription> subscription(Jid address, Jid contact) {
        return store.get(subscriptionKey(address, contact))
                .map(value -> value.map(Subscription::valueOf).orElse(Subscription.NONE));
    }

    /**
     * Writes the change (read, then write: a contact's stanzas are handled one at a time, in order) and answers the
     * subscription it replaced.
     */
    private Uni<Subscription> update(Jid address, Jid contact, UnaryOperator<Subscription> change) {
        String key = subscriptionKey(address, contact);
        return subscription(address, contact).call(current -> {
            Subscription next = change.apply(current);
            return next == Subscription.NONE ? store.delete(key)
                    : store.put(key, next.name(), KEPT, Retention.KEEP);
        });
    }

    private Presence subscriptionStanza(Optional<Jid> address, Jid contact, PresenceType type) {
        Presence.Builder presence = Presence.builder().to(contact).type(type);
        address.filter(unused -> component.isPresent()).map(Jid::bare).ifPresent(presence::from);
        return presence.build();
    }

    private static String subscriptionKey(Jid address, Jid contact) {
        return "subscription:" + address + "|" + contact;
    }

    private static String presenceKey(Jid address) {
        return "presence:" + address;
    }
}
