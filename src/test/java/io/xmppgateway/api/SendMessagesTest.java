package io.xmppgateway.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.stream.SessionStatus;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;

/** {@code POST /v1/messages} with App Engine's options, received by independent clients. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendMessagesTest {

    private static final String ALICE = Prosody.jid("alice") + "/smack";

    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private SmackInbox<Message> aliceInbox;
    private SmackInbox<Message> bobInbox;

    @Inject
    SessionStatus status;

    @BeforeAll
    void connect() throws Exception {
        Online.await(status);
        alice = SmackClients.connect(Prosody.shared(), "alice");
        bob = SmackClients.connect(Prosody.shared(), "bob");
        aliceInbox = new SmackInbox<>(alice, StanzaTypeFilter.MESSAGE);
        bobInbox = new SmackInbox<>(bob, MessageWithBodiesFilter.INSTANCE);
    }

    @AfterAll
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    @Test
    void anInvalidJidFailsOnlyItsOwnRow() throws Exception {
        Api.given().body(Map.of("to", List.of(Prosody.jid("alice"), "not a jid@@", Prosody.jid("bob")),
                        "body", "to all"))
                .when().post("/v1/messages")
                .then().statusCode(200)
                .body("results.status", equalTo(List.of("NO_ERROR", "INVALID_JID", "NO_ERROR")))
                .body("results.to", equalTo(List.of(Prosody.jid("alice"), "not a jid@@", Prosody.jid("bob"))));

        assertEquals("to all", aliceInbox.next().getBody());
        assertEquals("to all", bobInbox.next().getBody());
    }

    @Test
    void eachMessageTypeArrivesWithItsType() throws Exception {
        for (String type : List.of("chat", "normal", "headline", "groupchat", "error")) {
            Api.given().body(Map.of("to", ALICE, "body", "typed " + type, "type", type))
                    .when().post("/v1/messages")
                    .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
            Message message = aliceInbox.next();
            assertNotNull(message, type + " arrived");
            assertEquals(type, message.getType().name(), "type of '" + message.getBody() + "'");
            assertEquals("typed " + type, message.getBody());
        }
    }

    @Test
    void rawXmlArrivesIntact() throws Exception {
        Api.given().body(Map.of("to", ALICE, "rawXml", true,
                        "body", "<body>raw &amp; 'xml'</body><data xmlns='urn:example:gateway' kind='x'>"
                                + "<item>1 &lt; 2</item></data>"))
                .when().post("/v1/messages")
                .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));

        Message message = aliceInbox.next();
        assertEquals("raw & 'xml'", message.getBody());
        StandardExtensionElement data = (StandardExtensionElement) message.getExtensionElement("data",
                "urn:example:gateway");
        assertNotNull(data, "the custom element arrived");
        assertEquals("x", data.getAttributeValue("kind"));
        assertEquals("1 < 2", data.getFirstElement("item").getText());
    }

    @Test
    void malformedOrStanzaEscapingRawXmlIsRefused() throws Exception {
        for (String xml : List.of("<body>unclosed", "<body>a</body><!-- comment -->",
                "</message><iq type='set' id='x'><query xmlns='jabber:iq:roster'/></iq><message>",
                "<iq type='get'/>", "<!DOCTYPE x [<!ENTITY e 'e'>]><body>&e;</body>")) {
            Api.given().body(Map.of("to", ALICE, "rawXml", true, "body", xml))
                    .when().post("/v1/messages")
                    .then().statusCode(400).body("error", equalTo("invalid_xml"));
        }
        assertNull(aliceInbox.next(Duration.ofMillis(500)), "nothing was sent");
    }

    @Test
    void aBareFromGetsTheBotResource() throws Exception {
        Api.given().body(Map.of("to", ALICE, "body", "from bare", "from", Prosody.jid(Prosody.GATEWAY)))
                .when().post("/v1/messages")
                .then().statusCode(200);
        assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", aliceInbox.next().getFrom().toString());

        Api.given().body(Map.of("to", ALICE, "body", "spoofed", "from", "somebody@localhost"))
                .when().post("/v1/messages")
                .then().statusCode(400).body("error", equalTo("invalid_from"));
    }

    @Test
    void subjectAndThreadArrive() throws Exception {
        Api.given().body(Map.of("to", ALICE, "body", "b", "subject", "s", "thread", "t-1"))
                .when().post("/v1/messages").then().statusCode(200);
        Message message = aliceInbox.next();
        assertEquals("s", message.getSubject());
        assertEquals("t-1", message.getThread());
    }

    @Test
    void aMessageOfExactlyTheSizeLimitIsSentAndOneByteMoreIsRefused() throws Exception {
        // The limit is on the serialized stanza: each '<' is written as '&lt;', four bytes.
        String escaped = "<".repeat(20_000);
        String id = StanzaIds.next();
        int overhead = ("<message to='" + ALICE + "' id='" + id + "' type='chat' from='"
                + Prosody.jid(Prosody.GATEWAY) + "/bot'><body></body></message>").length();
        String exact = escaped + "x".repeat(102_400 - overhead - 4 * escaped.length());

        Api.given().body(Map.of("to", ALICE, "body", exact))
                .when().post("/v1/messages")
                .then().statusCode(200).body("results[0].status", equalTo("NO_ERROR"));
        assertEquals(exact, aliceInbox.next().getBody());

        Api.given().body(Map.of("to", ALICE, "body", exact + "x"))
                .when().post("/v1/messages")
                .then().statusCode(413)
                .body("error", equalTo("message_too_large"))
                .body("message", containsString("102401 bytes"))
                .body("message", containsString("102400"));
        assertNull(aliceInbox.next(Duration.ofMillis(500)), "nothing was sent");
    }
}
