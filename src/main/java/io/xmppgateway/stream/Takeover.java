package io.xmppgateway.stream;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;

/**
 * Takes over the stream of a replica that stopped without handing over (killed, or cut off): the server keeps such
 * a session for a while, still available and still receiving what is sent to the bare JID, and gives it only to
 * whoever resumes it (XEP-0198 §5) — which any connection of the same account may do, from any process. So the
 * replica that became active resumes it on a connection of its own, hands everything the server held to the
 * dispatcher like any inbound stanza, makes the session unavailable so that nothing more is routed to it, and once
 * all of it is handed back acknowledges it and closes the stream: the server then forgets the session.
 *
 * <pre>{@code
 * C: <resume xmlns='urn:xmpp:sm:3' previd='…' h='4711'/>      (h: what the dead replica recorded as handled)
 * S: <resumed xmlns='urn:xmpp:sm:3' previd='…' h='…'/>
 * S: <message …/> …                                          (what it had not acknowledged, and what came since)
 * C: <presence type='unavailable'/>
 * C: <iq type='get' to='example.org' id='takeover-…'><ping xmlns='urn:xmpp:ping'/></iq>
 * S: <iq type='result' id='takeover-…'/>                       (everything before it has been read)
 * C: <a xmlns='urn:xmpp:sm:3' h='4790'/>                      (once all of it is handed back)
 * C: </stream:stream>
 * }</pre>
 *
 * A stream the server no longer has ({@code <failed/>}) has nothing to take over. Lives on the session's event loop.
 */
final class Takeover {

    private static final Logger LOG = Logger.getLogger(Takeover.class);

    private final Vertx vertx;
    private final XmppConfig config;
    private final Login login;
    private final Jid server;

    /** {@code login}: connects and logs in as the session does; {@code server}: the domain, to ping. */
    Takeover(Vertx vertx, XmppConfig config, Login login, Jid server) {
        this.vertx = vertx;
        this.config = config;
        this.login = login;
        this.server = server;
    }

    /**
     * Takes over {@code stream}: answers how many stanzas the server handed over, 0 if it no longer had it.
     * {@code resumed} runs once the server resumed it, before the session is made unavailable.
     */
    Future<Long> resume(ActiveReplica.RecordedStream stream, Runnable resumed) {
        HostPort target = stream.location().flatMap(l -> HostPort.parse(l, config.port())).orElse(login.server());
        return login.open(target).compose(connection -> {
            long timer = vertx.setTimer(config.connectTimeout().toMillis(), id -> connection.closeWithError(
                    new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                            "resuming took longer than " + config.connectTimeout())));
            return login.authenticate(connection)
                    .map(Login.Authenticated::features)
                    .compose(features -> SmNegotiator.offered(features)
                            ? SmNegotiator.resume(connection, stream.previd(), stream.h())
                            : Future.failedFuture(new NegotiationException("the server no longer offers XEP-0198")))
                    .compose(answer -> {
                        vertx.cancelTimer(timer);
                        if (!answer.name().equals("resumed")) {
                            LOG.infof("The stream of %s is gone from the server: nothing to take over",
                                    stream.resource());
                            connection.close();
                            return Future.succeededFuture(0L);
                        }
                        return handOver(connection, stream, resumed);
                    })
                    .onFailure(failure -> {
                        vertx.cancelTimer(timer);
                        connection.close();
                    });
        });
    }

    /**
     * Right after {@code <resumed/>}, before anything else is read: the server replays what it held at once, and
     * negotiation would buffer only a few stanzas.
     */
    private Future<Long> handOver(XmppConnection connection, ActiveReplica.RecordedStream stream, Runnable resumed) {
        InboundCount count = new InboundCount();
        Inbox inbox = new Inbox(vertx, count, new InboundBackpressure(config.maxUnhandled(),
                config.maxUnhandledBytes(), connection::pauseReading, connection::resumeReading), () -> false);
        String pingId = "takeover-" + System.nanoTime();
        Promise<Void> allRead = Promise.promise();
        connection.receiveWith(new XmppConnection.Receiver() {
            @Override
            public void element(Element element, int wireBytes) {
                if (element.namespace().equals(StreamManagement.NAMESPACE)) {
                    if (element.name().equals("r")) {
                        connection.write(acknowledgement(stream, count));
                    }
                    return;
                }
                Stanza.of(element).ifPresent(stanza -> inbox.received(stanza, wireBytes, false,
                        answer -> pingId.equals(answer.attribute("id")) && allRead.tryComplete()));
            }

            @Override
            public void uncounted(Element element, int wireBytes) {
                element(element, wireBytes);
            }

            @Override
            public void oversized(Element head, int wireBytes) {
                Stanza.of(head).ifPresent(stanza -> inbox.received(stanza, wireBytes, true, answer -> false));
            }
        }, () -> { });
        connection.closed().onComplete(closed -> allRead.tryFail(connection.failure() != null ? connection.failure()
                : new ConnectionClosedException("the server closed the stream being taken over")));
        long unanswered = vertx.setTimer(config.keepaliveTimeout().toMillis(), id -> connection.closeWithError(
                new StreamErrorException(StreamErrorCondition.CONNECTION_TIMEOUT,
                        "no answer to a ping within " + config.keepaliveTimeout())));
        allRead.future().onComplete(done -> vertx.cancelTimer(unanswered));
        resumed.run();
        connection.write(Presence.builder().type(PresenceType.UNAVAILABLE).build().element());
        connection.write(Iq.builder(IqType.GET).to(server).id(pingId)
                .child(Element.empty("ping", Keepalive.PING_NAMESPACE)).build().element());
        return allRead.future()
                .compose(read -> inbox.drained())
                .map(handed -> {
                    connection.write(acknowledgement(stream, count));
                    connection.close();
                    long read = count.handled() - 1; // not the ping's answer
                    LOG.infof("Took over the stream of %s: %d stanzas handed over", stream.resource(), read);
                    return read;
                });
    }

    private static Element acknowledgement(ActiveReplica.RecordedStream stream, InboundCount count) {
        return StreamManagement.acknowledgement((stream.h() + count.handled()) % StreamManagement.MODULUS);
    }
}
