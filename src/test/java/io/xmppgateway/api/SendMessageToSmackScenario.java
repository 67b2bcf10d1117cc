package io.xmppgateway.api;


import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * {@code POST /v1/messages} reaches an independent client through a real server: {@link SendMessageToSmackTest}
 * (Prosody) and {@link SendMessageToSmackEjabberdTest}, with the same assertions.
 */
abstract class SendMessageToSmackScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    private XMPPTCPConnection alice;
    private final BlockingQueue<Message> received = new ArrayBlockingQueue<>(16);

    @BeforeEach
    void connectAlice() throws Exception {
        Online.await(status);
        alice = SmackClients.connect(server(), "alice");
        alice.addAsyncStanzaListener(stanza -> received.add((Message) stanza), MessageWithBodiesFilter.INSTANCE);
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
    }

    @Test
    void aChatMessageArrivesFromTheGatewayWithItsBodyEscapedAsText() throws Exception {
        String body = "hi </body></message><iq type='set'/> & 👋";
        Api.given()
                .body("{\"to\": [\"" + Prosody.jid("alice") + "\"], \"body\": \"" + body.replace("\"", "\\\"") + "\"}")
                .when().post("/v1/messages")
                .then().statusCode(200)
                .body("id", notNullValue())
                .body("results[0].to", equalTo(Prosody.jid("alice")))
                .body("results[0].status", equalTo("NO_ERROR"));

        Message message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "alice received the message");
        assertEquals(body, message.getBody());
        assertEquals(Message.Type.chat, message.getType());
        assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", message.getFrom().toString());
        assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS), "exactly one stanza went out");
    }
}
