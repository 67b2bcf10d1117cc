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
import io.xmppgateway.config.ComponentAddresses;
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
        DecoderLimits limits = DecoderLimits.of(config.maxStanzaBytes(),
                Math.min(gateway.limits().messageBytes(), config.maxStanzaBytes()));
        AckPolicy ackPolicy = new AckPolicy(gateway.sendAck() == GatewayConfig.SendAck.SERVER, gateway.sendTimeout());
        Verticle verticle = switch (transport()) {
            case LOG -> new LogTransportVerticle(status);
            case CLIENT -> {
                validateClientConfig();
                yield SessionVerticle.client(config, limits, status, ackPolicy, store);
            }
            case COMPONENT -> {
                validateComponentConfig(config);
                yield SessionVerticle.component(config, limits, status, ackPolicy, store);
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

    /**
     * A component needs its domain and secret; its stream has no STARTTLS, so plaintext to anything but the loopback
     * must be asked for ({@code xmpp.tls=none}).
     *
     * @throws IllegalStateException what is wrong, naming the setting
     */
    static ComponentAddresses validateComponentConfig(XmppConfig config) {
        ComponentAddresses addresses = ComponentAddresses.of(config);
        if (config.component().secret().filter(secret -> !secret.isEmpty()).isEmpty()) {
            throw new IllegalStateException("xmpp.component.secret is not set (use the XMPP_COMPONENT_SECRET "
                    + "environment variable or a Kubernetes Secret)");
        }
        String host = config.host().orElse(addresses.domain().domain());
        if (config.tls() == XmppConfig.TlsMode.STARTTLS && !isLoopback(host)) {
            throw new IllegalStateException("xmpp.transport=component: a component stream (XEP-0114) has no STARTTLS, "
                    + "so it would go to " + host + " in plaintext, secret digest and stanzas readable on the way. "
                    + "Set xmpp.tls=direct if the server offers TLS on its component port, or xmpp.tls=none to "
                    + "accept plaintext (a private network), or connect through the loopback.");
        }
        return addresses;
    }

    /** Only what cannot leave the host: {@code localhost} and loopback addresses, never a name looked up. */
    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
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
