package io.xmppgateway.faults;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.XmppServer;

/**
 * A stanza the server kills the stream over (Prosody and ejabberd both refuse stanzas over their 256 KiB c2s limit
 * with policy-violation) is not resent forever: the second time, sent alone, it is quarantined and its send fails;
 * the session goes on and later sends arrive. Run through Prosody ({@link QuarantineTest}) and ejabberd
 * ({@link QuarantineEjabberdTest}).
 */
abstract class QuarantineScenario {

    /** The gateway's own limit above the servers', so that the server is the one to refuse. */
    static final Map<String, String> LARGE_MESSAGES_ALLOWED = Map.of("gateway.limits.message-bytes", "400000");

    /** The server the gateway under test is configured for (its test profile). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Test
    void aStanzaThatKillsTheStreamTwiceIsFailedNotResentForever() throws Exception {
        Online.await(status);
        XMPPTCPConnection carol = SmackClients.connect(server(), "carol");
        SmackInbox<Message> inbox = new SmackInbox<>(carol, MessageWithBodiesFilter.INSTANCE);
        try {
            Api.given().body(Map.of("to", Prosody.jid("carol"), "body", "x".repeat(300_000)))
                    .when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("OTHER_ERROR"));

            Online.await(status);
            Api.given().body(Map.of("to", Prosody.jid("carol"), "body", "after the quarantine"))
                    .when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
            Message next = inbox.next();
            assertNotNull(next);
            assertEquals("after the quarantine", next.getBody());
        } finally {
            carol.disconnect();
        }
    }
}
