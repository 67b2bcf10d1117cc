package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vertx.core.Future;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.OutboundStanza;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.LinkProxy;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * A component session's link dies silently (no FIN): sends written into it get no answer to the ping that follows
 * them, so no receipt; the acknowledgement timeout notices, the gateway opens a new component stream (never a
 * resumption) and writes again what no answer covered, with the same ids — and then every send gets its receipt
 * and every message arrives, from the default sender. (At-least-once: a copy is possible in general; here the cut
 * dropped the first writes, so each arrives once.)
 */
class ComponentNetworkCutTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void whatNoAnswerCoveredIsResentWithTheSameIds(XmppServer server) throws Exception {
        XMPPTCPConnection bob = SmackClients.connect(server, "bob");
        Map<String, String> idByBody = new ConcurrentHashMap<>();
        Map<String, Integer> copies = new ConcurrentHashMap<>();
        Map<String, String> fromByBody = new ConcurrentHashMap<>();
        String run = StanzaIds.next();
        bob.addAsyncStanzaListener(stanza -> {
            String body = ((Message) stanza).getBody();
            if (body.endsWith(run)) {
                idByBody.put(body, stanza.getStanzaId());
                fromByBody.put(body, stanza.getFrom().toString());
                copies.merge(body, 1, Integer::sum);
            }
        }, MessageWithBodiesFilter.INSTANCE);
        try (LinkProxy proxy = new LinkProxy(server.componentPort());
             SessionHarness session = SessionHarness.component(server, Map.of(
                     "xmpp.port", Integer.toString(proxy.port()),
                     "xmpp.sm.ack-timeout", "1s",
                     "xmpp.keepalive-interval", "2s",
                     "xmpp.keepalive-timeout", "1s"))) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            Map<String, String> sent = new ConcurrentHashMap<>();
            SessionHarness.awaitReceipts(send(session, "before", 20, run, sent));

            proxy.cutCurrentConnections();
            List<Future<Object>> during = send(session, "during", 20, run, sent);
            Thread.sleep(500); // written into the dead link, well before the 1 s acknowledgement timeout
            assertTrue(during.stream().noneMatch(Future::isComplete),
                    "no receipt before the server answered a ping sent after the stanza");
            SessionHarness.awaitReceipts(during);

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> idByBody.size() == 40);
            assertEquals(sent, idByBody, "every message arrived, with the id it was first written with");
            assertTrue(fromByBody.values().stream().allMatch(("app@" + Prosody.APP_DOMAIN + "/bot")::equals),
                    "a stanza without from is sent from the default sender: " + fromByBody);
            assertFalse(copies.values().stream().anyMatch(count -> count > 1), "copies: " + copies);
            assertTrue(session.status.totalAttempts() >= 2, "the gateway opened a new component stream");
        } finally {
            bob.disconnect();
        }
    }

    private static List<Future<Object>> send(SessionHarness session, String prefix, int count, String run,
                                             Map<String, String> sent) {
        List<Future<Object>> receipts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = prefix + " " + i + " " + run;
            String id = StanzaIds.next();
            sent.put(body, id);
            io.xmppgateway.stanza.Message message = io.xmppgateway.stanza.Message.builder()
                    .to(Jid.of(Prosody.jid("bob"))).id(id).type(MessageType.CHAT).body(body).build();
            receipts.add(session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(message))
                    .map(reply -> reply.body()));
        }
        return receipts;
    }

}
