package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.XmppServer;

/**
 * App Engine's addressing over a component stream: a message the gateway writes from {@code news@app.localhost}
 * reaches a Smack user with that {@code from}, and one the user sends to {@code anyone@app.localhost/res} is read
 * as a model {@link Message} ({@code jabber:client}) whose {@code to} is exactly that address.
 */
class ComponentAddressingTest {

    private static final Jid NEWS = Jid.of("news@" + Prosody.APP_DOMAIN);
    private static final Jid ANYONE = Jid.of("anyone@" + Prosody.APP_DOMAIN + "/res");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void sendsFromAnyAddressAndReadsWhatIsSentToAnyAddress(XmppServer server) throws Exception {
        XMPPTCPConnection alice = SmackClients.connect(server, "alice");
        SmackInbox<org.jivesoftware.smack.packet.Message> aliceGot = new SmackInbox<>(alice,
                MessageWithBodiesFilter.INSTANCE);
        try (ComponentStream component = ComponentStream.connect(server, Prosody.APP_DOMAIN, Prosody.APP_SECRET)) {
            component.send(Message.builder().from(NEWS).to(Jid.of(Prosody.jid("alice") + "/smack"))
                    .type(MessageType.CHAT).id("news-1").body("today's news").build().element());

            org.jivesoftware.smack.packet.Message news = aliceGot.next();
            assertNotNull(news, "alice got the component's message");
            assertEquals(NEWS.toString(), news.getFrom().toString());
            assertEquals("today's news", news.getBody());

            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.from(ANYONE.toString()))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody("hello anyone").build());

            Message read = nextMessage(component);
            assertEquals(Stanza.CLIENT_NAMESPACE, read.element().namespace());
            assertEquals(ANYONE, read.to().orElseThrow());
            assertEquals(Prosody.jid("alice") + "/smack", read.from().orElseThrow().toString());
            assertEquals("hello anyone", read.body().orElseThrow());
            assertEquals(MessageType.CHAT, read.type());
        } finally {
            alice.disconnect();
        }
    }

    /** The next message read on the component stream (the server may send other stanzas, e.g. presence). */
    private static Message nextMessage(ComponentStream component) throws InterruptedException {
        for (Element element; (element = component.next(Duration.ofSeconds(10))) != null; ) {
            if (Stanza.of(element).orElse(null) instanceof Message message) {
                return message;
            }
        }
        throw new AssertionError("no message read on the component stream");
    }
}
