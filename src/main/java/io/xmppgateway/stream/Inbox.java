package io.xmppgateway.stream;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.Stanza;

/**
 * The receiving half of the session. Each stanza read gets its ticket ({@link InboundCount}) and goes to the
 * dispatcher as a request on {@code xmpp.in.*}; the reply is its hand-back, and only then is it counted in the
 * {@code h} the server sees (XEP-0198 §4). A copy the server resent after a resumption goes nowhere, and what
 * waits to be handled is bounded by {@link InboundBackpressure}. Lives on the session's event loop.
 */
final class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /**
     * Handling an inbound stanza has no deadline: a webhook is retried until the app takes it, and the stanza is
     * counted only then. The bus needs a timeout; this one never fires first.
     */
    private static final DeliveryOptions UNTIL_HANDED_BACK = new DeliveryOptions().setSendTimeout(Long.MAX_VALUE);

    private final Vertx vertx;
    private final InboundCount count;
    private final InboundBackpressure backpressure;
    private final BooleanSupplier standby;
    private boolean stopped;
    private Promise<Void> drained;

    /** {@code standby}: whether this replica stands by now (see {@link ReplicaRole}). */
    Inbox(Vertx vertx, InboundCount count, InboundBackpressure backpressure, BooleanSupplier standby) {
        this.vertx = vertx;
        this.count = count;
        this.backpressure = backpressure;
        this.standby = standby;
    }

    /**
     * A stanza read on the stream. One {@code ownAnswer} takes (the answer to a keepalive ping) is counted at once
     * and goes no further.
     */
    void received(Stanza stanza, int wireBytes, boolean oversized, Predicate<Element> ownAnswer) {
        long ticket = count.received(wireBytes);
        if (ticket == InboundCount.COPY) {
            LOG.debugf("<%s/> %s resent after the resumption: already read", stanza.element().name(),
                    stanza.element().attribute("id"));
            return;
        }
        if (ownAnswer.test(stanza.element())) {
            // The answer may be the shutdown's last ping, whose taker asks for drained() before this line: counted
            // now, it holds nothing back.
            count.handled(ticket, wireBytes);
            completeDrained();
            return;
        }
        backpressure.received(count.unhandledCount(), count.unhandledBytes());
        dispatch(new InboundStanza(stanza, wireBytes, oversized, standby.getAsBoolean()), ticket);
    }

    /** A stanza read before stream management was enabled: dispatched, and counted nowhere. */
    void uncounted(Stanza stanza, int wireBytes) {
        dispatch(new InboundStanza(stanza, wireBytes, false, standby.getAsBoolean()), InboundCount.UNCOUNTED);
    }

    /** Completes once every stanza read so far has been handed back. */
    Future<Void> drained() {
        if (count.unhandledCount() == 0) {
            return Future.succeededFuture();
        }
        if (drained == null) {
            drained = Promise.promise();
        }
        return drained.future();
    }

    private void completeDrained() {
        if (drained != null && count.unhandledCount() == 0) {
            drained.complete();
            drained = null;
        }
    }

    /** Shutdown: a stanza nobody took is not offered again. */
    void stop() {
        stopped = true;
    }

    /**
     * Hands a stanza to the dispatcher; its reply is the hand-back, which counts the ticket. A stanza nobody took
     * (no dispatcher deployed) is offered again a second later: it must still be handled, and its ticket holds
     * {@code h} back until it is.
     */
    private void dispatch(InboundStanza inbound, long ticket) {
        Stanza stanza = inbound.stanza();
        String address = stanza instanceof Iq ? Addresses.IN_IQ
                : stanza instanceof Presence ? Addresses.IN_PRESENCE
                : Addresses.IN_MESSAGE;
        vertx.eventBus().request(address, inbound, UNTIL_HANDED_BACK).onComplete(reply -> {
            if (reply.succeeded()) {
                count.handled(ticket, inbound.wireBytes());
                backpressure.handled(count.unhandledCount(), count.unhandledBytes());
                completeDrained();
            } else if (!stopped) {
                LOG.errorf("A <%s/> from %s was not handed back (%s): offering it again in 1 s",
                        stanza.element().name(), stanza.element().attribute("from"), reply.cause().getMessage());
                vertx.setTimer(1000, t -> dispatch(inbound, ticket));
            }
        });
    }
}
