package io.xmppgateway.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;
import io.xmppgateway.webhook.WebhookDelivery;

/**
 * The app's webhook is down while a client writes 600 messages — more than Prosody keeps for a session (its
 * XEP-0198 queue holds 500; ejabberd's 5,000) and more than the gateway may hold ({@code xmpp.max-unhandled} = 20
 * here). With the default retry policy nothing is lost: the gateway retries the app without giving up, stops
 * reading from the server once 20 stanzas wait (so the rest wait at the server, in its buffers), does not take its
 * own pause for a dead link, and after recovery every message reaches the app, in order, none dead-lettered. Run
 * through Prosody ({@link WebhookOutageTest}) and ejabberd ({@link WebhookOutageEjabberdTest}).
 */
abstract class WebhookOutageScenario {

    private static final int MESSAGES = 600;
    private static final int MAX_UNHANDLED = 20;

    /** The server the gateway under test is configured for (its test profile). */
    abstract XmppServer server();

    /** {@code server}'s gateway config, but with the default (unlimited) webhook retries. */
    static Map<String, String> defaultRetries(XmppServer server) {
        Map<String, String> config = new HashMap<>(server.gatewayConfig());
        config.remove("gateway.webhook.max-attempts");
        config.put("gateway.webhook.max-backoff", "200ms");
        config.put("xmpp.max-unhandled", Integer.toString(MAX_UNHANDLED));
        // Quick to declare a silent link dead: a pause taken for one would show as a reconnect.
        config.put("xmpp.keepalive-interval", "1s");
        config.put("xmpp.keepalive-timeout", "1s");
        return config;
    }

    @Inject
    SessionStatus status;

    @Inject
    WebhookDelivery delivery;

    @Test
    void everyMessageReachesTheAppAfterItsOutage() throws Exception {
        Online.await(status);
        int attempts = status.totalAttempts();
        WebhookReceiver app = WebhookReceiver.shared();
        app.reset();
        long deadBefore = delivery.deadLettered();
        XMPPTCPConnection alice = SmackClients.connect(server(), "alice");
        try {
            app.respondWith(request -> 503);
            for (int i = 0; i < MESSAGES; i++) {
                alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).ofType(Message.Type.chat)
                        .setBody("outage " + i).build());
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status.unhandled() >= MAX_UNHANDLED);
            Thread.sleep(5_000); // ~25 failed attempts on the first message: more than any retry budget of old
            int held = status.unhandled();
            assertTrue(held < MESSAGES / 2, "the gateway stopped reading: it holds " + held + " stanzas");
            assertEquals(attempts, status.totalAttempts(), "the pause was not taken for a dead link");
            app.reset(); // back up, answering 204

            List<String> bodies = new ArrayList<>();
            while (bodies.size() < MESSAGES) {
                WebhookReceiver.Request request = app.next("/_ah/xmpp/message/chat/", 20);
                assertNotNull(request, "after recovery, message " + bodies.size() + " arrived");
                String body = request.fields().get("body");
                if (bodies.isEmpty() || !bodies.get(bodies.size() - 1).equals(body)) {
                    bodies.add(body);
                }
            }
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals("outage " + i, bodies.get(i), "in order");
            }
            assertEquals(deadBefore, delivery.deadLettered(), "nothing dead-lettered");
            assertEquals(attempts, status.totalAttempts(), "no reconnect");
        } finally {
            alice.disconnect();
            app.reset();
        }
    }
}
