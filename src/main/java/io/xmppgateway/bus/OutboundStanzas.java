package io.xmppgateway.bus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.stanza.Stanza;

/**
 * The one way into the transport: sends a stanza on {@link Addresses#OUT} and tells the caller its fate. Never
 * blocks; the returned {@link Uni} completes on the event loop.
 */
@ApplicationScoped
public class OutboundStanzas {

    /** Longer than any write can take; a transport that does not answer by then has lost the request. */
    private static final long REPLY_TIMEOUT_MILLIS = 30_000;

    @Inject
    Vertx vertx;

    /**
     * Sends the stanza.
     *
     * @return the receipt, or a failure: a {@link ReplyException} whose {@code failureCode()} is one of
     *         {@link SendFailure}'s codes
     */
    public Uni<SendReceipt> send(Stanza stanza) {
        return send(OutboundStanza.of(stanza));
    }

    public Uni<SendReceipt> send(OutboundStanza stanza) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(REPLY_TIMEOUT_MILLIS);
        return Uni.createFrom().completionStage(() -> vertx.eventBus()
                .<SendReceipt>request(Addresses.OUT, stanza, options)
                .map(reply -> reply.body())
                .toCompletionStage());
    }
}
