package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stanza.StanzaIds;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SessionHarness;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.XmppServer;

/**
 * What a user's stanzas to {@code x@}{@value Prosody#APP_DOMAIN} meet while no component is connected for the
 * domain — before the gateway first connects, and after it has stopped — and that once it is connected the same
 * message reaches it. The server answers at once (well within {@link #AT_ONCE}), with the stanza's id, and keeps
 * nothing for later:
 * <ul>
 * <li>Prosody 0.12 bounces a message or an IQ with {@code <error type='wait'><remote-server-timeout/>
 * <text>Component unavailable</text></error>} from the address written to;</li>
 * <li>ejabberd 23.01 finds no route for the domain and hands the stanza to s2s; with s2s closed, as in the test
 * server's {@code s2s_access: none}, it answers {@code <error type='auth'><forbidden/><text>Access denied by service
 * policy</text></error>}. (With s2s open, {@code s2s_access: all}, and no DNS record for the domain, this test run
 * once by hand got {@code <error type='cancel'><remote-server-not-found/><text>DNS lookup failed: enoname</text>
 * </error>} for the message and the IQ, as fast.)</li>
 * </ul>
 * Each is printed with the time it took.
 */
class ComponentDisconnectedTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.xmppgateway.testing.XmppServer#both")
    void theSenderGetsAnErrorAtOnceAndTheMessageArrivesOnceConnected(XmppServer server) throws Exception {
        XMPPTCPConnection carol = SmackClients.connect(server, "carol");
        SmackInbox<Message> errors = new SmackInbox<>(carol, MessageTypeFilter.ERROR);
        Jid x = JidCreate.from("x@" + Prosody.APP_DOMAIN);
        try {
            assertRefused(server, messageBounce(server, carol, errors, x));
            assertRefused(server, iqError(server, carol, x));

            try (SessionHarness gateway = SessionHarness.component(server, Map.of())) {
                gateway.awaitState(SessionStatus.State.ONLINE, Duration.ofSeconds(20));
                String body = "once the component is connected " + StanzaIds.next();
                carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(x).ofType(Message.Type.chat)
                        .setBody(body).build());
                InboundStanza delivered = gateway.inbound.poll(10, TimeUnit.SECONDS);
                assertNotNull(delivered, "the message reached the gateway once it was connected");
                assertEquals(x.toString(), delivered.stanza().element().attribute("to"));
                assertEquals(Optional.of(body), ((io.xmppgateway.stanza.Message) delivered.stanza()).body());
            }

            assertRefused(server, messageBounce(server, carol, errors, x)); // the gateway has stopped
        } finally {
            carol.disconnect();
        }
    }

    private static StanzaError messageBounce(XmppServer server, XMPPTCPConnection carol, SmackInbox<Message> errors,
            Jid x) throws Exception {
        Message message = carol.getStanzaFactory().buildMessageStanza().to(x).ofType(Message.Type.chat)
                .setBody("while no component is connected").build();
        long start = System.nanoTime();
        carol.sendStanza(message);
        Message bounce = errors.next(AT_ONCE);
        assertNotNull(bounce, "the message was refused within " + AT_ONCE);
        report(server, "message", bounce.getError(), start);
        assertEquals(message.getStanzaId(), bounce.getStanzaId(), "the error carries the message's id");
        assertEquals(x, bounce.getFrom(), "the error comes from the address written to");
        return bounce.getError();
    }

    private static StanzaError iqError(XmppServer server, XMPPTCPConnection carol, Jid x) throws Exception {
        long start = System.nanoTime();
        IQ answer = carol.createStanzaCollectorAndSend(new Ping(x)).nextResult(AT_ONCE.toMillis());
        assertNotNull(answer, "the IQ was answered within " + AT_ONCE);
        assertEquals(IQ.Type.error, answer.getType());
        report(server, "iq", answer.getError(), start);
        return answer.getError();
    }

    private static void assertRefused(XmppServer server, StanzaError error) {
        if (server.name().equals(XmppServer.PROSODY)) {
            assertEquals(StanzaError.Condition.remote_server_timeout, error.getCondition());
            assertEquals(StanzaError.Type.WAIT, error.getType());
            assertEquals("Component unavailable", error.getDescriptiveText());
        } else {
            assertEquals(StanzaError.Condition.forbidden, error.getCondition());
            assertEquals(StanzaError.Type.AUTH, error.getType());
            assertTrue(error.getDescriptiveText().contains("service policy"), error.getDescriptiveText());
        }
    }

    private static void report(XmppServer server, String kind, StanzaError error, long startNanos) {
        System.out.printf("%s, no component: %s refused with %s (%s) \"%s\" after %d ms%n", server, kind,
                error.getCondition(), error.getType(), error.getDescriptiveText(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
