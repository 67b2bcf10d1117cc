package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.bus.SendFailure;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.LinkProxy;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;

/**
 * A server that stops acknowledging (here: a link that silently stopped forwarding) makes the bounded queue fill:
 * further sends fail at once with "queue full" — back-pressure the API turns into 503 — instead of growing memory.
 */
class FullQueueTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void sendsBeyondTheBoundFailAtOnce(XmppServer server) throws Exception {
        try (LinkProxy proxy = new LinkProxy(server.port());
             SessionHarness session = new SessionHarness(server, Map.of(
                     "xmpp.port", Integer.toString(proxy.port()),
                     "xmpp.sm.max-unacked", "8",
                     "xmpp.sm.ack-timeout", "30s",
                     "xmpp.keepalive-interval", "60s"))) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            // Acknowledged in order: once this one is, so are the roster fetch and the initial presence before it.
            Message first = Message.builder().to(Jid.of(Prosody.jid(Prosody.GATEWAY))).id(StanzaIds.next())
                    .body("to itself").build();
            session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(first))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            proxy.cutCurrentConnections();

            List<Future<Object>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Message message = Message.builder().to(Jid.of(Prosody.jid("bob"))).id(StanzaIds.next())
                        .body("queued " + i).build();
                sends.add(session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(message))
                        .map(reply -> reply.body()));
            }
            int refused = 0;
            for (Future<Object> send : sends.subList(8, 20)) {
                try {
                    send.toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ReplyException, e.toString());
                    assertEquals(SendFailure.QUEUE_FULL.busCode(), ((ReplyException) e.getCause()).failureCode());
                    refused++;
                }
            }
            assertEquals(12, refused, "everything past the bound of 8 was refused at once");
            assertTrue(sends.subList(0, 8).stream().noneMatch(Future::isComplete),
                    "the first 8 wait for an acknowledgement");
        }
    }
}
