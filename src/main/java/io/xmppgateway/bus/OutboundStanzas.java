package io.xmppgateway.bus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.stanza.Stanza;

/**
 * The one way into the transport: sends a stanza on {@link Addresses#OUT} and tells the caller its fate. Never
 * blocks; the returned {@link Uni} completes on the event loop.
 */
@ApplicationScoped
public class OutboundStanzas {

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    SendOutcomes outcomes;

    /**
     * Sends the stanza.
     *
     * @return the receipt, or a failure: a {@link ReplyException} whose {@code failureCode()} is one of
     *         {@link SendFailure}'s codes, or of type {@code TIMEOUT} after {@code gateway.send-timeout}
     */
    public Uni<SendReceipt> send(Stanza stanza) {
        return send(OutboundStanza.of(stanza));
    }

    public Uni<SendReceipt> send(OutboundStanza stanza) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.sendTimeout().toMillis());
        return Uni.createFrom().completionStage(() -> vertx.eventBus()
                .<SendReceipt>request(Addresses.OUT, stanza, options)
                .onComplete(outcomes::count)
                .map(reply -> reply.body())
                .toCompletionStage());
    }
}
