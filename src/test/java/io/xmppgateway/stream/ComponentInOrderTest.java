package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * The in-order property component mode's acknowledgement rests on (issue 15): a server processes one component
 * stream's stanzas in order, so its answer to an IQ (a XEP-0199 ping to its own domain) sent after a batch comes
 * after it has routed everything in the batch. Each round writes, in one TCP write, two messages to an address of
 * the component's own domain, two to a Smack user, and the ping.
 *
 * <p>The two addressed to the component come back on the same stream, so their place relative to the pong is the
 * order in which the server routed them: on Prosody 0.12 and ejabberd 23.01 both arrive, in order, before the pong,
 * every round. The Smack user gets its two, in order — but not necessarily before the gateway reads the pong: in a
 * run of 50 rounds the pong was read first in about half of them on Prosody and four in five on ejabberd, the
 * messages reaching Smack 0.1 to 30 ms later. The server had routed them (to the user's c2s stream); writing that
 * stream, TLS and Smack's parsing take longer than the pong's way back. So the pong means "the server has it", not
 * "the recipient has read it", and this test asserts only the first at the pong.
 */
class ComponentInOrderTest {

    private static final int ROUNDS = 20;
    private static final Jid NEWS = Jid.of("news@" + Prosody.APP_DOMAIN);
    private static final Jid SELF = Jid.of("inbox@" + Prosody.APP_DOMAIN + "/order");
    private static final Jid ALICE = Jid.of(Prosody.jid("alice") + "/smack");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void thePingsAnswerComesAfterTheServerRoutedEverythingSentBeforeIt(XmppServer server) throws Exception {
        XMPPTCPConnection alice = SmackClients.connect(server, "alice");
        // A collector, not SmackInbox: Smack's async listeners may run out of order, its collectors never do.
        StanzaCollector aliceGot = alice.createStanzaCollector(new AndFilter(MessageWithBodiesFilter.INSTANCE,
                FromMatchesFilter.createBare(JidCreate.from(NEWS.toString()))));
        try (ComponentStream component = ComponentStream.connect(server, Prosody.APP_DOMAIN, Prosody.APP_SECRET)) {
            for (int round = 1; round <= ROUNDS; round++) {
                String ping = "order-ping-" + round;
                component.send(message(SELF, round + "-self-1"), message(SELF, round + "-self-2"),
                        message(ALICE, round + "-alice-1"), message(ALICE, round + "-alice-2"),
                        Iq.builder(IqType.GET).from(Jid.of(Prosody.APP_DOMAIN)).to(Jid.of(Prosody.DOMAIN)).id(ping)
                                .child(Element.empty("ping", Keepalive.PING_NAMESPACE)).build().element());

                assertEquals(List.of(round + "-self-1", round + "-self-2"), readUntil(component, ping),
                        "round " + round + ": what the server routed back before answering the ping");
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (String body : List.of(round + "-alice-1", round + "-alice-2")) {
                    org.jivesoftware.smack.packet.Message got = aliceGot.nextResult(10_000);
                    assertNotNull(got, "alice got " + body);
                    assertEquals(body, got.getBody());
                }
            }
        } finally {
            aliceGot.cancel();
            alice.disconnect();
        }
    }

    private static Element message(Jid to, String body) {
        return Message.builder().from(NEWS).to(to).type(MessageType.CHAT).id(body).body(body).build().element();
    }

    /** The bodies of the messages read before the result of the IQ {@code id}, which must come. */
    private static List<String> readUntil(ComponentStream component, String id) throws InterruptedException {
        List<String> bodies = new ArrayList<>();
        for (Element element; (element = component.next(Duration.ofSeconds(10))) != null; ) {
            if (element.is(Iq.ELEMENT, Stanza.CLIENT_NAMESPACE)
                    && id.equals(element.attribute("id"))) {
                assertEquals(IqType.RESULT.wireName(), element.attribute("type"), element.toString());
                return bodies;
            }
            new Message(element).body().ifPresent(bodies::add);
        }
        throw new AssertionError("no answer to the ping " + id + "; read before it: " + bodies);
    }
}
