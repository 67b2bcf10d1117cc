package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.XmppServer;
import io.xmppgateway.testing.SmackClients;

/**
 * The gateway is restarted while a client keeps sending to it: what was sent while it was away reaches it once it
 * is back (the server's offline storage), and nothing is lost on the way.
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
            send(carol, 20, 40); // the gateway is down
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
