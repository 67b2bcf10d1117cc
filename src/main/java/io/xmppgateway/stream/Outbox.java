package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.bus.SendReceipt;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * The sending half of the session. Writes what it is asked to send on the current stream and holds it while none
 * is up; answers each sender once the server acknowledged its stanza (XEP-0198 §4) — or once it was written, when
 * the stream does not acknowledge or {@code gateway.send-ack} is {@code written}. Past {@code xmpp.sm.max-unacked}
 * stanzas or {@code max-unacked-bytes} a send fails at once. After the server killed the stream over something it
 * received, stanzas go one at a time until the culprit is found; that one is failed to its sender (quarantined)
 * instead of being resent forever.
 *
 * <p>Each send has one deadline, which this class owns (the stanza's, else {@code gateway.send-timeout} from when it
 * arrives): a timer fails the send there — {@link SendFailure#NOT_SENT} if it was never written (it is dropped, and
 * never written later), {@link SendFailure#TIMED_OUT} if it was written and not acknowledged (it is not written
 * again either: a resumption or a new stream leaves it out). Lives on the session's event loop.
 */
final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Vertx vertx;
    private final XmppConfig.StreamManagement config;
    private final AckPolicy ackPolicy;
    private final StreamManagement sm;
    private final AckRequester ackRequester;
    private XmppConnection connection; // the stream stanzas go out on; null while none is up
    private Promise<Void> drained;

    Outbox(Vertx vertx, XmppConfig.StreamManagement config, AckPolicy ackPolicy, StreamManagement sm,
           AckRequester ackRequester) {
        this.vertx = vertx;
        this.config = config;
        this.ackPolicy = ackPolicy;
        this.sm = sm;
        this.ackRequester = ackRequester;
    }

    /**
     * A stream is up. If it resumed the previous session, what the server did not acknowledge before the break is
     * sent again first, in order (XEP-0198 §5); what waited for a stream follows with {@link #flushHeld()}.
     */
    void online(XmppConnection c, boolean resumed) {
        connection = c;
        if (resumed) {
            for (Outgoing outgoing : sm.toResend()) {
                c.write(outgoing.stanza().xml());
                ackRequester.written();
            }
        }
    }

    void offline() {
        connection = null;
    }

    /** Sends {@code stanza} (the request's, addressed by the session) for a caller, who hears back its fate. */
    void send(Message<OutboundStanza> request, OutboundStanza stanza) {
        if (!sm.hasRoom()) {
            SendFailure.QUEUE_FULL.reply(request, "what waits for the server reached xmpp.sm.max-unacked ("
                    + config.maxUnacked() + " stanzas) or xmpp.sm.max-unacked-bytes (" + config.maxUnackedBytes()
                    + " bytes)");
            return;
        }
        long now = System.nanoTime();
        Outgoing outgoing = new Outgoing(stanza, request,
                stanza.deadlineNanos().orElse(now + ackPolicy.sendTimeout().toNanos()));
        long millis = (outgoing.deadlineNanos() - now + 999_999) / 1_000_000;
        if (millis <= 0) {
            fail(outgoing, SendFailure.NOT_SENT, "its deadline passed before the session took it");
            return;
        }
        outgoing.deadlineTimer(vertx.setTimer(millis, t -> deadlinePassed(outgoing)));
        if (connection != null && !(sm.enabled() && sm.isolating())) {
            write(outgoing);
        } else {
            sm.hold(outgoing);
            flushHeld();
        }
    }

    /** The session's own stanzas (roster fetch, presence, pings): counted like any other, answered to nobody. */
    void writeOwn(Element stanza) {
        Stanza.of(stanza).ifPresent(own -> write(new Outgoing(OutboundStanza.of(own), null, 0)));
    }

    /**
     * Writes what waited for a stream. While isolating a stanza the server killed the stream over, one at a time:
     * each waits for the acknowledgement of the one before.
     */
    void flushHeld() {
        long now = System.nanoTime();
        while (connection != null && !(sm.enabled() && sm.isolating() && sm.unackedCount() > 0)) {
            Optional<Outgoing> next = sm.nextHeld();
            if (next.isEmpty()) {
                return;
            }
            Outgoing held = next.get();
            if (held.expired(now)) { // its timer is due and has not fired yet
                expired(held);
                continue;
            }
            write(held);
            if (sm.enabled() && sm.isolating()) {
                requestAck();
            }
        }
    }

    /** Writes a stanza; its sender hears back when the server acknowledged it, or when it was written. */
    private void write(Outgoing outgoing) {
        Future<Void> written = connection.write(outgoing.stanza().xml());
        outgoing.markWritten();
        if (sm.enabled()) {
            sm.written(outgoing);
            ackRequester.written();
        }
        if (outgoing.request() != null && (!sm.enabled() || !ackPolicy.serverAck())) {
            written.onSuccess(v -> succeed(outgoing))
                    .onFailure(e -> fail(outgoing, SendFailure.WRITE_FAILED, "not written: " + e.getMessage()));
        }
    }

    /**
     * The deadline timer: what is still held is dropped; what was written stays counted until the server
     * acknowledges it, but is not written again.
     */
    private void deadlinePassed(Outgoing outgoing) {
        if (!outgoing.answered()) {
            sm.dropHeld(outgoing);
            expired(outgoing);
        }
    }

    private void expired(Outgoing outgoing) {
        if (outgoing.written()) {
            fail(outgoing, SendFailure.TIMED_OUT, "written, but not acknowledged by the XMPP server by its deadline");
        } else {
            fail(outgoing, SendFailure.NOT_SENT, "no XMPP session to send it on before its deadline; it was dropped");
        }
    }

    /** Tells a stanza's caller it went through, once. */
    private void succeed(Outgoing outgoing) {
        if (outgoing.request() != null && !outgoing.answered()) {
            vertx.cancelTimer(outgoing.markAnswered(false));
            outgoing.request().reply(new SendReceipt(outgoing.stanza().stanza().id().orElse(null)));
        }
    }

    /** Tells a stanza's caller it failed, once. */
    private void fail(Outgoing outgoing, SendFailure failure, String detail) {
        if (outgoing.request() != null && !outgoing.answered()) {
            vertx.cancelTimer(outgoing.markAnswered(true));
            failure.reply(outgoing.request(), detail);
        }
    }

    void requestAck() {
        if (connection != null && sm.enabled()) {
            ackRequester.requestNow();
        }
    }

    /** The server's {@code h} (in {@code <a/>}, {@code <resumed/>} or {@code <failed/>}): answers what it covers. */
    Future<Void> acknowledge(String h) {
        try {
            for (Outgoing done : sm.acknowledge(h)) {
                succeed(done);
            }
            return Future.succeededFuture();
        } catch (StreamManagement.HandledCountException e) {
            return Future.failedFuture(e);
        }
    }

    /** {@code <a h/>} from the server. */
    void answered(String h) {
        ackRequester.answered();
        acknowledge(h).onFailure(e -> {
            // XEP-0198 §4: a wrong count is the server's bug; start a fresh session rather than loop on it.
            LOG.errorf("The server acknowledged wrongly (%s): closing the stream and starting afresh", e.getMessage());
            sm.startOver();
            connection.closeWithError(new StreamErrorException(StreamErrorCondition.UNDEFINED_CONDITION,
                    "handled-count-too-high: " + e.getMessage()));
        });
        if (sm.unackedCount() == 0 && drained != null) {
            drained.tryComplete();
        }
        flushHeld();
    }

    /** Shutdown: completes once the server acknowledged everything written, or after {@code max}. */
    Future<Void> drain(Duration max) {
        if (connection == null || !sm.enabled() || sm.unackedCount() == 0) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        requestAck();
        Promise<Void> waiting = drained;
        vertx.setTimer(Math.max(1, max.toMillis()), t -> waiting.tryComplete());
        return drained.future();
    }

    /** Shutdown, after the drain: what is still unacknowledged or waiting fails, so its callers retry. */
    void failAll() {
        for (Outgoing left : sm.unacknowledged()) {
            fail(left, SendFailure.SHUTTING_DOWN, "the gateway shut down before the server acknowledged the stanza");
        }
        failHeld(SendFailure.SHUTTING_DOWN, "the gateway shut down before the stanza was sent");
    }

    /** Fails what waits for a stream that will not come: the login was refused. */
    void failHeld(String why) {
        failHeld(SendFailure.NOT_CONNECTED, why);
    }

    private void failHeld(SendFailure failure, String why) {
        for (Outgoing held : sm.takeHeld()) {
            fail(held, failure, why);
        }
    }

    /**
     * The server ended the stream over something it received: resuming would replay it, so the next stream starts
     * afresh, sending one stanza at a time; a stanza it kills the stream over again, alone, is failed.
     */
    void streamKilled(StreamErrorException error) {
        sm.streamKilled().ifPresent(culprit -> {
            LOG.errorf("Quarantined stanza %s: the server ended the stream over it twice (%s)",
                    culprit.stanza().stanza().id().orElse("(no id)"), error.getMessage());
            fail(culprit, SendFailure.REJECTED, "stream error " + error.getMessage());
        });
        sm.startOver();
    }
}
