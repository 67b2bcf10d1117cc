package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.ExternalComponent;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * A message from {@code user@bad_name.localhost} — an external component's address, legal in XMPP though not as a
 * host name — then 1,100 ordinary messages. The odd one reaches the app's webhook with its address as sent, every
 * other one too, and the server waits for nothing afterwards: one stanza the gateway once could not parse froze
 * its {@code h} for good, and the server's queue grew until it refused to resume. Run through Prosody
 * ({@link UnparseableSenderTest}) and ejabberd ({@link UnparseableSenderEjabberdTest}).
 */
abstract class UnparseableSenderScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    private static final String CHAT = "/_ah/xmpp/message/chat/";
    private static final String ODD_SENDER = "user@" + Prosody.COMPONENT_DOMAIN + "/desk";
    private static final int MESSAGES = 1_100;

    @Inject
    SessionStatus status;

    @Test
    void anAddressWithAnUnderscoreIsHandledAndTheCountGoesOn() throws Exception {
        Online.await(status);
        int attempts = status.totalAttempts();
        WebhookReceiver app = WebhookReceiver.shared();
        app.reset();
        XMPPTCPConnection alice = SmackClients.connect(server(), "alice");
        try (ExternalComponent component = new ExternalComponent(server())) {
            String gateway = status.current().session().orElseThrow().jid();
            component.send("<message from='" + ODD_SENDER + "' to='" + gateway + "' type='chat' id='odd-1'>"
                    + "<body>from an odd address</body></message>");
            for (int i = 0; i < MESSAGES; i++) {
                alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(gateway))
                        .ofType(Message.Type.chat).setBody("ordinary " + i).build());
            }

            WebhookReceiver.Request odd = null;
            Set<String> ordinary = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while ((odd == null || ordinary.size() < MESSAGES) && System.nanoTime() < deadline) {
                WebhookReceiver.Request request = app.next(CHAT, 5);
                if (request == null) {
                    continue;
                }
                if (ODD_SENDER.equals(request.fields().get("from"))) {
                    odd = request;
                } else if (request.fields().get("body").startsWith("ordinary ")) {
                    ordinary.add(request.fields().get("body"));
                }
            }
            assertNotNull(odd, "the odd sender's message reached the webhook");
            assertEquals("from an odd address", odd.fields().get("body"));
            assertTrue(odd.fields().get("stanza").contains("from='" + ODD_SENDER + "'")
                    || odd.fields().get("stanza").contains("from=\"" + ODD_SENDER + "\""), odd.fields().get("stanza"));
            assertEquals(MESSAGES, ordinary.size(), "every ordinary message reached the webhook");
            Awaitility.await("the server waits for nothing").atMost(Duration.ofSeconds(10))
                    .until(() -> status.unhandled() == 0);
            assertEquals(attempts, status.totalAttempts(), "the session never reconnected");
        } finally {
            alice.disconnect();
        }
    }
}
