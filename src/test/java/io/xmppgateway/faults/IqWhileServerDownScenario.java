package io.xmppgateway.faults;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The server is stopped; an IQ {@code set} waits for a session until its own deadline ({@code timeoutMs}, shorter than
 * {@code gateway.send-timeout}) and is answered 503 {@code xmpp_unavailable} with {@code Retry-After} — not 504
 * {@code iq_timeout}: nothing was sent. When the server is back it is never sent: the set is a roster change the
 * server would keep, and an independent client reading the account's roster after a later marker message was
 * acknowledged finds no trace of it. Run through Prosody ({@link IqWhileServerDownTest}) and ejabberd
 * ({@link IqWhileServerDownEjabberdTest}).
 */
abstract class IqWhileServerDownScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void aSetHeldPastItsDeadlineIsAnswered503AndNeverSentLater() throws Exception {
        Online.await(status);
        String contact = "late-" + UUID.randomUUID() + "@" + Prosody.DOMAIN;
        XmppServer server = server();
        server.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status.current().state() != SessionStatus.State.ONLINE);
            long start = System.nanoTime();
            Api.given().body(Map.of("type", "set", "timeoutMs", 2000,
                            "payload", "<query xmlns='jabber:iq:roster'><item jid='" + contact + "'/></query>"))
                    .when().post("/v1/iq")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo("xmpp_unavailable"));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 1900 && elapsedMillis < 10_000,
                    "held until its own deadline of 2000 ms, answered after " + elapsedMillis + " ms");
        } finally {
            server.start();
        }
        Online.await(status);

        XMPPTCPConnection erin = SmackClients.connect(server, "erin");
        XMPPTCPConnection account = SmackClients.connect(server, Prosody.GATEWAY);
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        erin.addAsyncStanzaListener(stanza -> bodies.add(((Message) stanza).getBody()),
                MessageWithBodiesFilter.INSTANCE);
        try {
            // Everything the gateway wrote after reconnecting went before the marker, on the same stream: once the
            // marker is acknowledged (200) and delivered, the server has handled whatever preceded it.
            Api.given().body(Map.of("to", Prosody.jid("erin"), "body", "marker after the restart"))
                    .when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
            assertEquals("marker after the restart", bodies.poll(10, TimeUnit.SECONDS));

            Roster roster = Roster.getInstanceFor(account);
            roster.reloadAndWait();
            assertNull(roster.getEntry(JidCreate.bareFrom(contact)),
                    "the IQ set whose caller got 503 was never sent: " + roster.getEntries());
        } finally {
            erin.disconnect();
            account.disconnect();
        }
    }
}
