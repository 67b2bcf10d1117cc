package io.xmppgateway.stream;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.xmppgateway.bus.LocalCodec;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.config.XmppConfig.Transport;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.InvalidJidException;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.store.SharedStore;

/** Deploys the configured transport's verticle at startup and undeploys it, gracefully, at shutdown. */
@ApplicationScoped
public class TransportLauncher {

    private static final Logger LOG = Logger.getLogger(TransportLauncher.class);

    @Inject
    Vertx vertx;

    @Inject
    XmppConfig config;

    @Inject
    GatewayConfig gateway;

    @Inject
    SessionStatus status;

    @Inject
    SharedStore store;

    private String deploymentId;

    /** The transport in force: {@code xmpp.transport}, else {@code client} when a JID is configured. */
    public Transport transport() {
        return config.transport().orElse(config.jid().isPresent() ? Transport.CLIENT : Transport.LOG);
    }

    /** After the dispatcher's consumers are registered (default priority): nothing read may find no one to take it. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        LocalCodec.registerAll(vertx.eventBus());
        Verticle verticle = switch (transport()) {
            case LOG -> new LogTransportVerticle(status);
            case CLIENT -> {
                validateClientConfig();
                yield new ClientSessionVerticle(config,
                        DecoderLimits.of(config.maxStanzaBytes(), Math.min(gateway.limits().messageBytes(), config.maxStanzaBytes())),
                        status, new AckPolicy(gateway.sendAck() == GatewayConfig.SendAck.SERVER, gateway.sendTimeout()),
                        store);
            }
        };
        deploymentId = vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().join();
    }

    void stop(@Observes ShutdownEvent event) {
        if (deploymentId == null) {
            return;
        }
        // A hand-over waits for a standby up to the lease's time to live; then the drain; then closing.
        Duration stopTimeout = config.lease().ttl().plus(config.sm().shutdownDrain()).plusSeconds(5);
        try {
            vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture()
                    .get(stopTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("The XMPP transport did not stop cleanly within %s: %s", stopTimeout, e.getMessage());
        }
    }

    private void validateClientConfig() {
        String jid = config.jid().orElseThrow(() ->
                new IllegalStateException("xmpp.transport=client needs xmpp.jid (the gateway's account)"));
        try {
            if (Jid.of(jid).local().isEmpty()) {
                throw new IllegalStateException("xmpp.jid must be an account such as bot@example.org, not " + jid);
            }
        } catch (InvalidJidException e) {
            throw new IllegalStateException("xmpp.jid is not a valid JID: " + e.getMessage(), e);
        }
        if (config.password().isEmpty()) {
            throw new IllegalStateException("xmpp.password is not set (use the XMPP_PASSWORD environment variable "
                    + "or a Kubernetes Secret)");
        }
    }
}
