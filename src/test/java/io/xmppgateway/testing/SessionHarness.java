package io.xmppgateway.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.bus.LocalCodec;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.store.MemoryStore;
import io.xmppgateway.store.RedisStore;
import io.xmppgateway.store.SharedStore;
import io.xmppgateway.stream.AckPolicy;
import io.xmppgateway.stream.SessionVerticle;
import io.xmppgateway.stream.SessionStatus;

/** A client session verticle on its own Vert.x, outside Quarkus, configured like the gateway would be. */
public final class SessionHarness implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final SessionStatus status = new SessionStatus();
    /** Every inbound stanza, as published on the bus. */
    public final java.util.concurrent.BlockingQueue<InboundStanza> inbound = new java.util.concurrent.LinkedBlockingQueue<>();
    private final String deployment;

    /** Deploys a session to the shared Prosody with {@code overrides} on top of the gateway's test config. */
    public SessionHarness(Map<String, String> overrides) {
        this(overrides, null);
    }

    /**
     * As {@link #SessionHarness(Map)}, with {@code dispatcher} standing in for the gateway's: it receives every
     * inbound request and decides when to hand it back (reply).
     */
    public SessionHarness(Map<String, String> overrides, Handler<Message<InboundStanza>> dispatcher) {
        this(Prosody.shared(), overrides, dispatcher);
    }

    /** Deploys a session to {@code server} (Prosody or ejabberd) with {@code overrides} on top of its test config. */
    public SessionHarness(XmppServer server, Map<String, String> overrides) {
        this(server, overrides, null);
    }

    /** As {@link #SessionHarness(XmppServer, Map)}, with {@code dispatcher} standing in for the gateway's. */
    public SessionHarness(XmppServer server, Map<String, String> overrides,
            Handler<Message<InboundStanza>> dispatcher) {
        this(server.gatewayConfig(), overrides, dispatcher, false);
    }

    /**
     * Deploys a {@code component} session ({@link XmppServer#componentGatewayConfig()}) to {@code server} with
     * {@code overrides} on top.
     */
    public static SessionHarness component(XmppServer server, Map<String, String> overrides) {
        return new SessionHarness(server.componentGatewayConfig(), overrides, null, true);
    }

    /**
     * As {@link #component}, with the test run's Redis as the shared store ({@code gateway.store=redis}): one of a
     * component's replicas, which by default connects only while it holds the lease.
     */
    public static SessionHarness componentReplica(XmppServer server, Map<String, String> overrides) {
        return new SessionHarness(server.componentGatewayConfig(), overrides, null, true, true);
    }

    private SessionHarness(Map<String, String> config, Map<String, String> overrides,
            Handler<Message<InboundStanza>> dispatcher, boolean component) {
        this(config, overrides, dispatcher, component, false);
    }

    private SessionHarness(Map<String, String> config, Map<String, String> overrides,
            Handler<Message<InboundStanza>> dispatcher, boolean component, boolean redis) {
        Map<String, String> properties = new HashMap<>(config);
        properties.put("xmpp.sm.shutdown-drain", "200ms");
        properties.putAll(overrides);
        LocalCodec.registerAll(vertx.eventBus());
        // Standing in for the dispatcher: every inbound stanza is handed back at once.
        for (String address : new String[] {Addresses.IN_MESSAGE, Addresses.IN_PRESENCE, Addresses.IN_IQ}) {
            vertx.eventBus().<InboundStanza>consumer(address, dispatcher != null ? dispatcher : m -> {
                inbound.add(m.body());
                m.reply(null);
            });
        }
        XmppConfig xmpp = TestConfigs.mapping(XmppConfig.class, properties);
        SharedStore store = redis
                ? new RedisStore(RedisServer.shared().client(io.vertx.mutiny.core.Vertx.newInstance(vertx)),
                        vertx.getOrCreateContext(), Duration.ofSeconds(2))
                : new MemoryStore(Clock.systemUTC(), 1000, 1_000_000);
        SessionVerticle verticle = component
                ? SessionVerticle.component(xmpp, DecoderLimits.defaults(), status, AckPolicy.defaults(), store)
                : SessionVerticle.client(xmpp, DecoderLimits.defaults(), status, AckPolicy.defaults(), store);
        deployment = await(vertx.deployVerticle(verticle));
    }

    public SessionStatus.Snapshot awaitState(SessionStatus.State state, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> status.current().state() == state);
        return status.current();
    }

    @Override
    public void close() {
        await(vertx.undeploy(deployment));
        await(vertx.close());
    }

    /** Waits for each send's answer, which must be a receipt (the server acknowledged it), not a failure. */
    public static void awaitReceipts(List<Future<Object>> receipts) throws Exception {
        for (Future<Object> receipt : receipts) {
            Object body = receipt.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(body instanceof SendReceipt, "a receipt, not " + body);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
