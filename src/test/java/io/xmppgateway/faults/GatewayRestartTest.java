package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The gateway is restarted while a client keeps sending to it: what was sent while it was away reaches it once it
 * is back (the server's offline storage), and nothing is lost on the way.
 *
 * <p>ejabberd: the gateway comes back only once ejabberd has stored the 20 messages. ejabberd stores an offline
 * message in the sender's process ({@code mod_offline} writes Mnesia on disc, tens of ms on a busy machine) and
 * hands stored messages to a session at its initial presence: a session that comes online while a message is still
 * being stored does not get it — it waits in offline storage for the next login (seen here with a 50 ms gap between
 * the two gateway sessions). Prosody stores and delivers on one thread and has no such window.
 */
class GatewayRestartTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void whatWasSentWhileTheGatewayWasDownArrivesWhenItIsBack(XmppServer server) throws Exception {
        XMPPTCPConnection carol = SmackClients.connect(server, "carol");
        Set<String> received = new HashSet<>();
        try {
            try (SessionHarness first = new SessionHarness(server, Map.of())) {
                first.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
                send(carol, 0, 20);
                collect(first, received, 20);
            }
            int storedBefore = server instanceof Ejabberd ejabberd ? ejabberd.offlineCount(Prosody.GATEWAY) : 0;
            send(carol, 20, 40); // the gateway is down
            if (server instanceof Ejabberd ejabberd) {
                Awaitility.await("ejabberd stored the 20").atMost(Duration.ofSeconds(10))
                        .until(() -> ejabberd.offlineCount(Prosody.GATEWAY) >= storedBefore + 20);
            }
            try (SessionHarness second = new SessionHarness(server, Map.of())) {
                second.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
                send(carol, 40, 60);
                collect(second, received, 60);
            }
            for (int i = 0; i < 60; i++) {
                assertEquals(true, received.contains("restart " + i), "restart " + i + " arrived");
            }
        } finally {
            carol.disconnect();
        }
    }

    private static void send(XMPPTCPConnection from, int first, int end) throws Exception {
        for (int i = first; i < end; i++) {
            from.sendStanza(from.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).ofType(Message.Type.chat)
                    .setBody("restart " + i).build());
        }
    }

    private static void collect(SessionHarness gateway, Set<String> received, int until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.size() < until && System.nanoTime() < deadline) {
            InboundStanza stanza = gateway.inbound.poll(100, TimeUnit.MILLISECONDS);
            if (stanza != null && stanza.stanza() instanceof io.xmppgateway.stanza.Message message) {
                message.body().filter(body -> body.startsWith("restart ")).ifPresent(received::add);
            }
        }
    }
}
