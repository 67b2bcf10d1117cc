package io.xmppgateway.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The server restarts: the gateway notices, reconnects on its own, and sends again. Run through Prosody
 * ({@link ReconnectAfterServerRestartTest}) and ejabberd ({@link ReconnectAfterServerRestartEjabberdTest}).
 */
abstract class ReconnectAfterServerRestartScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void reconnectsAfterTheServerRestartsAndSendsAgain() throws Exception {
        Online.await(status);
        int attemptsBefore = status.totalAttempts();

        server().restart();

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> status.totalAttempts() > attemptsBefore
                        && status.current().state() == SessionStatus.State.ONLINE);
        // Ready again — once the session has stayed up xmpp.reconnect.stable-after (5 s here) if the losses before
        // this one, in other tests of the same gateway, were soon after login and made it flapping.
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));

        XMPPTCPConnection carol = SmackClients.connect(server(), "carol");
        BlockingQueue<Message> received = new ArrayBlockingQueue<>(4);
        carol.addAsyncStanzaListener(stanza -> received.add((Message) stanza), MessageWithBodiesFilter.INSTANCE);
        try {
            Api.given()
                    .body("{\"to\": \"" + Prosody.jid("carol") + "\", \"body\": \"after the restart\"}")
                    .when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
            Message message = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "carol received the message sent after the reconnect");
            assertEquals("after the restart", message.getBody());
        } finally {
            carol.disconnect();
        }
    }
}
