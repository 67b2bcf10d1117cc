package io.xmppgateway.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.config.ComponentAddresses;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.handler.XmppErrorException;
import io.xmppgateway.presence.PresenceCache;
import io.xmppgateway.presence.Roster;
import io.xmppgateway.quota.QuotaFilter;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StanzaError;
import io.xmppgateway.stanza.StanzaError.Condition;
import io.xmppgateway.webhook.WebhookDelivery;

/**
 * Routes what arrives on {@code xmpp.in.*}: IQ answers to the {@link IqClient}; IQ requests to the bean for their
 * namespace; messages, presence, subscriptions and errors to handler beans and webhooks, after the {@link Roster}'s
 * answers to subscription requests and probes. Stanzas from one peer are
 * handled in arrival order. Stanza errors are decided here, in one place: unhandled get/set →
 * {@code feature-not-implemented} (or {@code service-unavailable}), not exactly one payload → {@code bad-request},
 * a handler's {@link XmppErrorException} → its condition, any other failure → {@code internal-server-error}, an
 * inbound stanza over the size limit → {@code policy-violation}. Result and error stanzas are never answered.
 *
 * <p>All of it runs on one event loop (the dispatch verticle's); handlers run where their signature says.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    Vertx vertx;

    @Inject
    Handlers handlers;

    @Inject
    IqClient iqClient;

    @Inject
    QuotaFilter quota;

    @Inject
    XmppConfig xmpp;

    @Inject
    GatewayConfig gateway;

    @Inject
    WebhookDelivery webhooks;

    @Inject
    PresenceCache presenceCache;

    @Inject
    Roster roster;

    @Inject
    MeterRegistry meters;

    private final PeerOrder order = new PeerOrder();
    private Optional<Jid> self = Optional.empty(); // the gateway's JID; a component's domain
    private Optional<Jid> server = Optional.empty(); // the server's domain
    /**
     * At least twice what the server may wait on us for ({@code xmpp.max-unhandled}): the copies a new session gets
     * are the tail of the old stream, which the server had not seen acknowledged.
     */
    private RecentIds recent = new RecentIds(4096);
    private final AtomicLong oversized = new AtomicLong();

    void start(@Observes StartupEvent event) {
        if (xmpp.transport().filter(transport -> transport == XmppConfig.Transport.COMPONENT).isPresent()) {
            ComponentAddresses component = ComponentAddresses.of(xmpp);
            self = Optional.of(component.domain());
            server = Optional.of(component.serverDomain());
        } else {
            self = xmpp.jid().map(jid -> Jid.of(jid).bare().withResource(xmpp.resource()));
            server = self.map(jid -> Jid.of(jid.domain()));
        }
        recent = new RecentIds(Math.max(4096, 2 * xmpp.maxUnhandled()));
        handlers.discover();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                EventBus bus = vertx.eventBus();
                for (String address : new String[] {Addresses.IN_MESSAGE, Addresses.IN_PRESENCE, Addresses.IN_IQ}) {
                    Counter received = Counter.builder("gateway.inbound")
                            .description("Stanzas received from the XMPP server, by kind")
                            .tag("kind", address.substring(address.lastIndexOf('.') + 1)).register(meters);
                    bus.<InboundStanza>consumer(address, request -> {
                        received.increment();
                        InboundStanza inbound = request.body();
                        handle(inbound).onComplete(done -> {
                            if (done.failed()) {
                                LOG.errorf(done.cause(), "Handling a <%s/> from %s failed",
                                        inbound.stanza().element().name(), inbound.stanza().element().attribute("from"));
                            }
                            // The hand-back: only now may the session tell the server it is safe with us (h).
                            request.reply(null);
                        });
                    });
                }
            }
        }).toCompletionStage().toCompletableFuture().join();
    }

    /** Inbound stanzas refused for their size since startup. */
    public long oversizedCount() {
        return oversized.get();
    }

    /** Whatever happens here, the future completes exactly once: a throw becomes its failure. */
    private Future<Void> handle(InboundStanza inbound) {
        try {
            return inbound(inbound);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> inbound(InboundStanza inbound) {
        Stanza stanza = inbound.stanza();
        if (inbound.oversized()) {
            oversized.incrementAndGet();
            LOG.warnf("Refusing a %d-byte <%s/> from %s: over gateway.limits.message-bytes (%d)",
                    inbound.wireBytes(), stanza.element().name(), stanza.element().attribute("from"),
                    gateway.limits().messageBytes());
            replyError(stanza, StanzaError.of(Condition.POLICY_VIOLATION, "stanza larger than "
                    + gateway.limits().messageBytes() + " bytes"));
            return Future.succeededFuture();
        }
        String from = stanza.element().attribute("from");
        Optional<Jid> sender;
        try {
            sender = stanza.from();
            stanza.to();
        } catch (InvalidJidException e) {
            LOG.warnf("Refusing a <%s/> with an address RFC 7622 does not allow: %s", stanza.element().name(),
                    e.getMessage());
            replyError(stanza, StanzaError.of(Condition.JID_MALFORMED, e.getMessage()));
            return Future.succeededFuture();
        }
        if (stanza instanceof Iq iq && iq.type().filter(type -> !type.isRequest()).isPresent()) {
            // IQ answers arrive only over a session, which has a JID or a component domain.
            iqClient.answer(iq, self.orElseThrow(), server.orElseThrow());
            return Future.succeededFuture();
        }
        boolean broadcast = stanza instanceof Presence presence && presence.isBroadcast();
        if (!broadcast && !recent.firstTime(from, stanza.element().attribute("id"))) {
            LOG.debugf("Dropping a duplicate <%s/> %s from %s (delivered again after a new session)",
                    stanza.element().name(), stanza.element().attribute("id"), from);
            return Future.succeededFuture();
        }
        if (stanza instanceof Presence presence) {
            presenceCache.update(presence);
            if (inbound.standby() && presence.type() != PresenceType.ERROR) {
                return Future.succeededFuture(); // the active replica got it too, and hands it on
            }
        }
        String peer = sender.map(jid -> jid.bare().toString()).orElse("");
        return order.submit(peer, () -> dispatch(stanza));
    }

    private Future<Void> dispatch(Stanza stanza) {
        if (stanza instanceof Iq iq) {
            return request(iq);
        }
        if (stanza instanceof Message message) {
            return message(message);
        }
        return presence((Presence) stanza);
    }

    private Future<Void> request(Iq iq) {
        Optional<IqType> type = iq.type();
        if (type.isEmpty()) {
            replyError(iq, StanzaError.of(Condition.BAD_REQUEST, "unknown IQ type"));
            return Future.succeededFuture();
        }
        List<Element> payloads = iq.payloads();
        if (payloads.size() != 1) {
            replyError(iq, StanzaError.of(Condition.BAD_REQUEST, "an IQ request carries exactly one payload, not "
                    + payloads.size()));
            return Future.succeededFuture();
        }
        Optional<HandlerMethod> handler = handlers.iq(payloads.get(0).namespace())
                .flatMap(methods -> methods.forType(type.get()));
        if (handler.isEmpty()) {
            replyError(iq, StanzaError.of(xmpp.iq().unhandledReply() == XmppConfig.Iq.UnhandledReply.SERVICE_UNAVAILABLE
                    ? Condition.SERVICE_UNAVAILABLE : Condition.FEATURE_NOT_IMPLEMENTED));
            return Future.succeededFuture();
        }
        return handler.get().invoke(vertx, new HandlerMethod.Call(iq, null))
                .map(result -> {
                    send(iq.reply(result instanceof Element payload ? payload : null));
                    return (Void) null;
                })
                .recover(failure -> {
                    replyError(iq, toStanzaError(handler.get(), iq, failure));
                    return Future.succeededFuture();
                });
    }

    private Future<Void> message(Message message) {
        Future<Void> webhook = webhooks.offer(message);
        return messageHandlers(message).compose(v -> webhook);
    }

    private Future<Void> messageHandlers(Message message) {
        if (message.type() == MessageType.ERROR) {
            return invokeAll(handlers.errors(), message, null);
        }
        String body = message.body().orElse("");
        if (body.startsWith("/") && body.length() > 1 && handlers.hasCommands()) {
            String[] command = body.substring(1).split("\\s+", 2);
            Optional<HandlerMethod> known = handlers.command(command[0]);
            if (known.isPresent()) {
                return invokeAll(List.of(known.get()), message, command.length > 1 ? command[1] : "");
            }
            if (!handlers.unknownCommands().isEmpty()) {
                return invokeAll(handlers.unknownCommands(), message, body);
            }
        }
        List<HandlerMethod> matching = new ArrayList<>();
        for (Handlers.MessageMethod method : handlers.messages()) {
            if (method.types().contains(message.type())) {
                matching.add(method.method());
            }
        }
        return invokeAll(matching, message, body);
    }

    private Future<Void> presence(Presence presence) {
        Future<Void> webhook = webhooks.offer(presence);
        return presenceHandlers(presence).compose(v -> webhook);
    }

    private Future<Void> presenceHandlers(Presence presence) {
        PresenceType type = presence.type();
        if (type == PresenceType.ERROR) {
            return invokeAll(handlers.errors(), presence, null);
        }
        if (type.isSubscription()) {
            return answer(presence).compose(v -> invokeAll(handlers.subscriptions(), presence, null));
        }
        if (type == PresenceType.PROBE) {
            return answer(presence).compose(v -> invokeAll(handlers.presence(), presence, null));
        }
        return invokeAll(handlers.presence(), presence, presence.status().orElse(null));
    }

    /**
     * Sends what the {@link Roster} answers to a subscription request or a probe, before handlers see it. A store that
     * fails is logged; the stanza is still handed on.
     */
    private Future<Void> answer(Presence presence) {
        return Future.fromCompletionStage(roster.answer(presence).subscribeAsCompletionStage(),
                        vertx.getOrCreateContext())
                .map(answers -> {
                    answers.forEach(this::send);
                    return (Void) null;
                })
                .recover(failure -> {
                    LOG.warnf("Could not answer a <presence type='%s'/> from %s: %s",
                            presence.type().wireName().orElse("available"), presence.element().attribute("from"),
                            failure.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** Calls each handler in turn; a stanza one returns (e.g. {@code message.reply(…)}) is sent. */
    private Future<Void> invokeAll(List<HandlerMethod> methods, Stanza stanza, String text) {
        Future<Void> chain = Future.succeededFuture();
        for (HandlerMethod method : methods) {
            if (!method.accepts(stanza)) {
                continue;
            }
            chain = chain.compose(v -> method.invoke(vertx, new HandlerMethod.Call(stanza, text))
                    .map(result -> {
                        if (result instanceof Stanza reply) {
                            send(reply);
                        }
                        return (Void) null;
                    })
                    .recover(failure -> {
                        LOG.errorf(failure, "Handler %s failed on a <%s/> from %s", method.name(),
                                stanza.element().name(), stanza.element().attribute("from"));
                        return Future.succeededFuture();
                    }));
        }
        return chain;
    }

    private StanzaError toStanzaError(HandlerMethod handler, Iq iq, Throwable failure) {
        if (failure instanceof XmppErrorException error) {
            return error.error();
        }
        LOG.errorf(failure, "IQ handler %s failed on %s from %s", handler.name(), iq.queryNamespace().orElse("?"),
                iq.element().attribute("from"));
        return StanzaError.of(Condition.INTERNAL_SERVER_ERROR);
    }

    /** RFC 6120 §8.3.1: never answer an error with an error. */
    private void replyError(Stanza stanza, StanzaError error) {
        boolean isError = stanza instanceof Iq iq ? iq.type().filter(t -> !t.isRequest()).isPresent()
                : "error".equals(stanza.element().attribute("type"));
        if (!isError && stanza.element().attribute("from") != null) {
            send(ErrorReplies.to(stanza, error));
        }
    }

    private void send(Stanza stanza) {
        try {
            quota.send(List.of(OutboundStanza.of(stanza)), Map.of()).chain(sends -> sends.get(0)).subscribe().with(
                    receipt -> { },
                    failure -> LOG.warnf("Could not send a <%s/> to %s: %s", stanza.element().name(),
                            stanza.element().attribute("to"), failure.getMessage()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not send a <%s/> to %s: %s", stanza.element().name(), stanza.element().attribute("to"),
                    e.getMessage());
        }
    }

}
