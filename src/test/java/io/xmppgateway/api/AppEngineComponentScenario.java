package io.xmppgateway.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.WebhookReceiver;
import io.xmppgateway.testing.XmppServer;

/**
 * App Engine's addressing through a gateway in component mode ({@value Prosody#APP_DOMAIN}, XEP-0114):
 * {@link AppEngineComponentTest} (Prosody) and {@link AppEngineComponentEjabberdTest}, with the same assertions.
 * The app sends from two addresses of its domain; a Smack user gets both with those senders and replies to each;
 * the webhook sees each reply with the address it was written to; an IQ to any address is answered from it; a
 * sender outside the domain is refused.
 */
abstract class AppEngineComponentScenario {

    private static final String NEWS = "news@" + Prosody.APP_DOMAIN;
    private static final String ALERTS = "alerts@" + Prosody.APP_DOMAIN;

    /** The server the gateway under test is a component of (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    private XMPPTCPConnection alice;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void connectAlice() throws Exception {
        Online.await(status);
        WebhookReceiver.shared().reset();
        alice = SmackClients.connect(server(), "alice");
        alice.addAsyncStanzaListener(stanza -> received.add((Message) stanza), MessageWithBodiesFilter.INSTANCE);
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
    }

    @Test
    void sendsFromAndReceivesOnAnyAddressOfTheDomain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        send(NEWS, "news " + run);
        send(ALERTS + "/bot", "alerts " + run);

        Map<String, String> fromByBody = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message message = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "alice received both messages; got " + fromByBody);
            fromByBody.put(message.getBody(), message.getFrom().toString());
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(message.getFrom())
                    .ofType(Message.Type.chat).setBody("re: " + message.getBody()).build());
        }
        assertEquals(Map.of("news " + run, NEWS + "/bot", "alerts " + run, ALERTS + "/bot"), fromByBody,
                "each message came from the address the app chose; a bare one got /bot");

        Map<String, String> toByBody = new HashMap<>();
        while (toByBody.size() < 2) {
            WebhookReceiver.Request request = WebhookReceiver.shared().next("/_ah/xmpp/message/chat/", 10);
            assertNotNull(request, "the webhook got both replies; got " + toByBody);
            if (request.fields().get("body").endsWith(run)) {
                toByBody.put(request.fields().get("body"), request.fields().get("to"));
                assertEquals(Prosody.jid("alice"), request.fields().get("from").replaceAll("/.*", ""));
            }
        }
        assertEquals(Map.of("re: news " + run, NEWS + "/bot", "re: alerts " + run, ALERTS + "/bot"), toByBody,
                "each reply reached the webhook with the address alice wrote to");
    }

    @Test
    void anIqToAnyAddressIsAnsweredFromThatAddress() throws Exception {
        Ping ping = new Ping(JidCreate.from("x@" + Prosody.APP_DOMAIN));
        IQ answer = alice.createStanzaCollectorAndSend(ping).nextResultOrThrow(10_000);
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals("x@" + Prosody.APP_DOMAIN, answer.getFrom().toString());
    }

    @Test
    void aSenderOutsideTheDomainIsRefused() {
        Api.given()
                .body("{\"to\": [\"" + Prosody.jid("alice") + "\"], \"body\": \"hi\", \"from\": \""
                        + Prosody.jid("news") + "\"}")
                .when().post("/v1/messages")
                .then().statusCode(400)
                .body("error", equalTo("invalid_from"));
    }

    private static void send(String from, String body) {
        Api.given()
                .body("{\"to\": [\"" + Prosody.jid("alice") + "\"], \"body\": \"" + body + "\", \"from\": \"" + from
                        + "\"}")
                .when().post("/v1/messages")
                .then().statusCode(200)
                .body("results[0].status", equalTo("NO_ERROR"));
    }
}
