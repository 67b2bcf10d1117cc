package io.xmppgateway.bus;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.stanza.Stanza;

/**
 * The one way into the transport: sends a stanza on {@link Addresses#OUT} and tells the caller its fate. Never
 * blocks; the returned {@link Uni} completes on the event loop.
 *
 * <p>One deadline per send, owned by the session: the stanza carries it, and the session fails it there — a stanza
 * still waiting for a stream is dropped, never written later. The bus request's own timeout is only a safety net,
 * {@link #SAFETY_MARGIN} past the deadline, for a session that never answers.
 */
@ApplicationScoped
public class OutboundStanzas {

    private static final Logger LOG = Logger.getLogger(OutboundStanzas.class);

    /** How long past the deadline the bus gives up on a session that did not answer (it always should). */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    SendOutcomes outcomes;

    /**
     * Sends the stanza, to be acknowledged within {@code gateway.send-timeout}.
     *
     * @return the receipt, or a {@link SendFailedException} naming the {@link SendFailure}
     */
    public Uni<SendReceipt> send(Stanza stanza) {
        return send(OutboundStanza.of(stanza));
    }

    /** Sends the stanza by its deadline, or within {@code gateway.send-timeout} if it has none. */
    public Uni<SendReceipt> send(OutboundStanza stanza) {
        return Uni.createFrom().completionStage(() -> {
            long now = System.nanoTime();
            OutboundStanza timed = stanza.deadlineNanos().isPresent() ? stanza
                    : stanza.withDeadline(now + config.sendTimeout().toNanos());
            long remainingMillis = Math.max(0, (timed.deadlineNanos().getAsLong() - now) / 1_000_000);
            DeliveryOptions options = new DeliveryOptions().setSendTimeout(remainingMillis + SAFETY_MARGIN.toMillis());
            return vertx.eventBus().<SendReceipt>request(Addresses.OUT, timed, options)
                    .map(reply -> reply.body())
                    .recover(this::typed)
                    .onSuccess(receipt -> outcomes.succeeded())
                    .onFailure(outcomes::failed)
                    .toCompletionStage();
        });
    }

    private Future<SendReceipt> typed(Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
            LOG.warnf("The XMPP session did not answer a send even %s past its deadline", SAFETY_MARGIN);
        }
        return Future.failedFuture(SendFailedException.of(failure).<Throwable>map(typed -> typed).orElse(failure));
    }
}
