package io.xmppgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * Inbound traffic reaches the app's HTTP server in App Engine's layout, signed, retried and in order: through
 * Prosody ({@link WebhooksTest}) and ejabberd ({@link WebhooksEjabberdTest}), with the same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhooksScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    private static final String CHAT = "/_ah/xmpp/message/chat/";

    @Inject
    SessionStatus status;

    @Inject
    WebhookDelivery delivery;

    private final WebhookReceiver app = WebhookReceiver.shared();
    private XMPPTCPConnection bob;

    @BeforeAll
    void connect() throws Exception {
        Online.await(status);
        bob = SmackClients.connect(server(), "bob");
    }

    @AfterAll
    void disconnect() {
        bob.disconnect();
        app.reset();
    }

    @BeforeEach
    void reset() {
        app.reset();
    }

    private void send(String body, Message.Type type) throws Exception {
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY) + "/bot")).ofType(type).setBody(body).build());
    }

    @Test
    void aChatMessageIsPostedWithAppEnginesFieldsAndAValidSignature() throws Exception {
        send("hello app <&>", Message.Type.chat);
        WebhookReceiver.Request request = app.next(CHAT, 10);
        assertNotNull(request, "POSTed to " + CHAT);

        assertTrue(request.header("content-type").startsWith("multipart/form-data; boundary="));
        assertEquals(Prosody.jid("bob") + "/smack", request.fields().get("from"));
        assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", request.fields().get("to"));
        assertEquals("hello app <&>", request.fields().get("body"));
        assertTrue(request.fields().get("stanza").startsWith("<message"), request.fields().get("stanza"));
        assertTrue(request.fields().get("stanza").contains("<body>hello app &lt;&amp;&gt;</body>"));
        assertEquals(4, request.fields().size(), "exactly from, to, body, stanza: " + request.fields().keySet());

        // Verified as a receiver would: HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret.
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(Prosody.WEBHOOK_SECRET.substring("whsec_".length())),
                "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
        assertEquals(expected, request.header("webhook-signature"));
        assertTrue(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000) < 60);
    }

    @Test
    void aHeadlineIsNotPostedByDefault() throws Exception {
        send("headline news", Message.Type.headline);
        send("a chat after it", Message.Type.chat);
        WebhookReceiver.Request request = app.next(CHAT, 10);
        assertEquals("a chat after it", request.fields().get("body"));
    }

    @Test
    void aDeliveryRefusedTwiceWithA503ArrivesOnceWithTheSameIdAndInOrder() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        app.respondWith(request -> request.fields().get("body").equals("first") && calls.incrementAndGet() <= 2
                ? 503 : 204);
        send("first", Message.Type.chat);
        send("second", Message.Type.chat);

        WebhookReceiver.Request attempt1 = app.next(CHAT, 10);
        WebhookReceiver.Request attempt2 = app.next(CHAT, 10);
        WebhookReceiver.Request attempt3 = app.next(CHAT, 10);
        WebhookReceiver.Request next = app.next(CHAT, 10);
        assertEquals("first", attempt1.fields().get("body"));
        assertEquals("first", attempt2.fields().get("body"));
        assertEquals("first", attempt3.fields().get("body"));
        assertEquals(attempt1.header("webhook-id"), attempt2.header("webhook-id"));
        assertEquals(attempt1.header("webhook-id"), attempt3.header("webhook-id"));
        assertEquals("second", next.fields().get("body"), "the sender's next message waits for the first");
        assertNull(app.next(CHAT, 0.5), "delivered once each");
    }

    @Test
    void aWebhookDownLongerThanTheRetryBudgetDeadLettersTheDelivery() throws Exception {
        long before = delivery.deadLettered();
        app.respondWith(request -> 500);
        send("into the void", Message.Type.chat);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertNotNull(app.next(CHAT, 10), "attempt " + attempt);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> delivery.deadLettered() == before + 1);
        assertNull(app.next(CHAT, 1), "no fifth attempt (gateway.webhook.max-attempts=4)");
    }

    @Test
    void aSubscriptionIsAcceptedBothWaysAndPosted() throws Exception {
        XMPPTCPConnection erin = SmackClients.connect(server(), "erin");
        try {
            Roster roster = Roster.getInstanceFor(erin);
            roster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            roster.createItemAndRequestSubscription(JidCreate.entityBareFrom(Prosody.jid(Prosody.GATEWAY)), "gw", null);

            WebhookReceiver.Request request = app.next("/_ah/xmpp/subscription/subscribe/", 10);
            assertNotNull(request, "the app saw the subscription request");
            assertEquals(Prosody.jid("erin"), request.fields().get("from"));
            assertEquals(3, request.fields().size(), "from, to, stanza: " + request.fields().keySet());

            // App Engine's rule: accepted, and subscribed back, so presence flows both ways.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                var item = roster.getEntry(JidCreate.entityBareFrom(Prosody.jid(Prosody.GATEWAY)));
                return item != null && item.getType() == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.both;
            });
        } finally {
            erin.disconnect();
        }
    }
}
