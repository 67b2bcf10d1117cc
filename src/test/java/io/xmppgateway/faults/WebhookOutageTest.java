package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyProfile;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.webhook.WebhookDelivery;

/**
 * The app's webhook is down for seconds while a client keeps writing: nothing is lost — the gateway keeps retrying
 * (and does not tell the server the stanzas are handled meanwhile), and after recovery every message reaches the
 * app, in order, none dead-lettered.
 */
@QuarkusTest
@TestProfile(WebhookOutageTest.PatientWebhooks.class)
class WebhookOutageTest {

    public static class PatientWebhooks extends ProsodyProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.webhook.max-attempts", "100", "gateway.webhook.max-backoff", "200ms");
        }
    }

    @Inject
    SessionStatus status;

    @Inject
    WebhookDelivery delivery;

    @Test
    void everyMessageReachesTheAppAfterItsOutage() throws Exception {
        Online.await(status);
        WebhookReceiver app = WebhookReceiver.shared();
        app.reset();
        long deadBefore = delivery.deadLettered();
        XMPPTCPConnection alice = SmackClients.connect(Prosody.shared(), "alice");
        try {
            app.respondWith(request -> 503);
            for (int i = 0; i < 20; i++) {
                alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).ofType(Message.Type.chat)
                        .setBody("outage " + i).build());
            }
            Thread.sleep(3_000);
            app.reset(); // back up, answering 204

            List<String> bodies = new ArrayList<>();
            while (bodies.size() < 20) {
                WebhookReceiver.Request request = app.next("/_ah/xmpp/message/chat/", 20);
                assertNotNull(request, "after recovery, message " + bodies.size() + " arrived");
                String body = request.fields().get("body");
                if (bodies.isEmpty() || !bodies.get(bodies.size() - 1).equals(body)) {
                    bodies.add(body);
                }
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("outage " + i, bodies.get(i), "in order");
            }
            assertEquals(deadBefore, delivery.deadLettered(), "nothing dead-lettered");
        } finally {
            alice.disconnect();
            app.reset();
        }
    }
}
