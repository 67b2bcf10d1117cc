package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A network cut without FIN: the acknowledgement timeout notices, the gateway reconnects, resumes the XEP-0198
 * session, resends what the server had not acknowledged — and every send gets its receipt, every message arrives
 * exactly once.
 */
class NetworkCutTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void nothingIsLostWhenTheLinkSilentlyDies(XmppServer server) throws Exception {
        XMPPTCPConnection bob = SmackClients.connect(server, "bob");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        // Only this test's bodies: bob may also get what other tests sent him while he was away (offline storage).
        bob.addAsyncStanzaListener(stanza -> {
            String body = ((Message) stanza).getBody();
            if (body.startsWith("before ") || body.startsWith("during ")) {
                received.merge(body, 1, Integer::sum);
            }
        }, MessageWithBodiesFilter.INSTANCE);
        try (LinkProxy proxy = new LinkProxy(server.port());
             SessionHarness session = new SessionHarness(server, Map.of(
                     "xmpp.port", Integer.toString(proxy.port()),
                     "xmpp.sm.ack-timeout", "1s",
                     "xmpp.keepalive-interval", "2s",
                     "xmpp.keepalive-timeout", "1s"))) {
            session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            List<Future<Object>> before = send(session, "before", 50);
            SessionHarness.awaitReceipts(before);

            proxy.cutCurrentConnections();
            List<Future<Object>> during = send(session, "during", 50);
            SessionHarness.awaitReceipts(during);

            Set<String> expected = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 50; i++) {
                expected.add("before " + i);
                expected.add("during " + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.keySet().containsAll(expected));
            assertEquals(100, received.size());
            assertTrue(received.values().stream().allMatch(count -> count == 1), "no duplicates: " + received);
            assertTrue(session.status.totalAttempts() >= 2, "the gateway reconnected");
        } finally {
            bob.disconnect();
        }
    }

    private static List<Future<Object>> send(SessionHarness session, String prefix, int count) {
        List<Future<Object>> receipts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            io.xmppgateway.stanza.Message message = io.xmppgateway.stanza.Message.builder()
                    .to(Jid.of(Prosody.jid("bob"))).id(StanzaIds.next()).type(MessageType.CHAT)
                    .body(prefix + " " + i).build();
            receipts.add(session.vertx.eventBus().request(Addresses.OUT, OutboundStanza.of(message))
                    .map(reply -> reply.body()));
        }
        return receipts;
    }

}
