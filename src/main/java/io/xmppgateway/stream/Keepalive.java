package io.xmppgateway.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;

/**
 * Detects a dead connection (XEP-0199 §4.2): when nothing has arrived for {@code interval}, pings the server; when
 * the ping is not answered within {@code timeout}, declares the connection dead. Any inbound traffic counts as a
 * sign of life, and an error answer (a server without XEP-0199) is still an answer.
 *
 * <pre>{@code
 * C: <iq to='example.org' type='get' id='keepalive-7'><ping xmlns='urn:xmpp:ping'/></iq>
 * S: <iq from='example.org' type='result' id='keepalive-7'/>
 * }</pre>
 */
final class Keepalive {

    static final String PING_NAMESPACE = "urn:xmpp:ping";
    private static final String ID_PREFIX = "keepalive-";

    private final Vertx vertx;
    private final Consumer<Element> send;
    private final Optional<Jid> from;
    private final Jid server;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final Runnable onDead;

    private long lastActivity;
    private long periodicTimer = -1;
    private long timeoutTimer = -1;
    private String outstanding;
    private long sequence;
    private String lastId;
    private Promise<Void> last;

    /** {@code from}: the pings' sender, where the stream needs one (a component's); else empty. */
    Keepalive(Vertx vertx, Consumer<Element> send, Optional<Jid> from, Jid server, Duration interval,
              Duration timeout, Runnable onDead) {
        this.vertx = vertx;
        this.send = send;
        this.from = from;
        this.server = server;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.onDead = onDead;
    }

    void start() {
        lastActivity = System.nanoTime();
        periodicTimer = vertx.setPeriodic(Math.max(1, intervalMillis / 2), id -> tick());
    }

    void stop() {
        vertx.cancelTimer(periodicTimer);
        vertx.cancelTimer(timeoutTimer);
        periodicTimer = -1;
        timeoutTimer = -1;
        outstanding = null;
    }

    /**
     * Pings the server now; completes on its answer, by when everything the server sent before it has been read (it
     * handles a stream in order). At shutdown: nothing it routed here before is still on its way.
     */
    Future<Void> roundTrip() {
        lastId = ID_PREFIX + "last-" + (++sequence);
        last = Promise.promise();
        Iq.Builder ping = Iq.builder(IqType.GET).to(server).id(lastId);
        from.ifPresent(ping::from);
        send.accept(ping.child(Element.empty("ping", PING_NAMESPACE)).build().element());
        return last.future();
    }

    /** Something arrived; answers whether it was the answer to our ping (and so is not for anybody else). */
    boolean received(Element element) {
        lastActivity = System.nanoTime();
        if (lastId != null && element.name().equals(Iq.ELEMENT) && lastId.equals(element.attribute("id"))) {
            lastId = null;
            last.complete();
            return true;
        }
        if (outstanding != null && element.name().equals(Iq.ELEMENT) && outstanding.equals(element.attribute("id"))) {
            vertx.cancelTimer(timeoutTimer);
            outstanding = null;
            return true;
        }
        return false;
    }

    private void tick() {
        long silentMillis = (System.nanoTime() - lastActivity) / 1_000_000;
        if (outstanding != null || silentMillis < intervalMillis) {
            return;
        }
        outstanding = ID_PREFIX + (++sequence);
        Iq.Builder ping = Iq.builder(IqType.GET).to(server).id(outstanding);
        from.ifPresent(ping::from);
        send.accept(ping.child(Element.empty("ping", PING_NAMESPACE)).build().element());
        timeoutTimer = vertx.setTimer(timeoutMillis, id -> {
            if (outstanding != null) {
                outstanding = null;
                onDead.run();
            }
        });
    }
}
