package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * A message from an independent client to the gateway is a request on {@code xmpp.in.message}; the server waits
 * for it (XEP-0198 {@code h}) until the request is answered, and the answer is its hand-back.
 */
class InboundMessageTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void aMessageFromSmackIsARequestAndItsReplyHandsItBack(XmppServer server) throws Exception {
        BlockingQueue<io.vertx.core.eventbus.Message<InboundStanza>> messages = new LinkedBlockingQueue<>();
        XMPPTCPConnection bob = SmackClients.connect(server, "bob");
        try (SessionHarness session = new SessionHarness(server, Map.of("xmpp.resource", "inbound-test"), request -> {
            if (request.body().stanza() instanceof Message) {
                messages.add(request);
            } else {
                request.reply(null);
            }
        })) {
            SessionStatus.Snapshot online = session.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
            org.jivesoftware.smack.packet.Message sent = bob.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(online.session().orElseThrow().jid()))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                    .setBody("hello gateway <&>")
                    .build();
            bob.sendStanza(sent);

            io.vertx.core.eventbus.Message<InboundStanza> request = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(request, "a request on xmpp.in.message");
            Message message = (Message) request.body().stanza();
            assertEquals("hello gateway <&>", message.body().orElseThrow());
            assertEquals(MessageType.CHAT, message.type());
            assertEquals(Prosody.jid("bob") + "/smack", message.from().orElseThrow().toString());
            assertEquals(sent.getStanzaId(), message.id().orElseThrow());
            assertFalse(request.body().oversized());

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.status.unhandled() == 1);
            request.reply(null);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> session.status.unhandled() == 0);
        } finally {
            bob.disconnect();
        }
    }
}
