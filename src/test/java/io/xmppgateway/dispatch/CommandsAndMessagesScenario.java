package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
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
import io.xmppgateway.testing.SmackInbox;
import io.xmppgateway.testing.TestHandlers;
import io.xmppgateway.testing.XmppServer;

/**
 * Chat from an independent client reaches @OnMessage and @OnCommand beans; their replies come back. Run through
 * Prosody ({@link CommandsAndMessagesTest}) and ejabberd ({@link CommandsAndMessagesEjabberdTest}), with the same
 * assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandsAndMessagesScenario {

    /** The server the gateway under test is configured for (its test resource). */
    abstract XmppServer server();

    @Inject
    SessionStatus status;

    @Inject
    Dispatcher dispatcher;

    private XMPPTCPConnection carol;
    private SmackInbox<Message> inbox;

    @BeforeAll
    void connect() throws Exception {
        Online.await(status);
        carol = SmackClients.connect(server(), "carol");
        inbox = new SmackInbox<>(carol, StanzaTypeFilter.MESSAGE);
    }

    @BeforeEach
    void clear() {
        TestHandlers.MESSAGES.clear();
    }

    @AfterAll
    void disconnect() {
        carol.disconnect();
    }

    private void send(String body, Message.Type type) throws Exception {
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza()
                .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY))).ofType(type).setBody(body).build());
    }

    @Test
    void aCommandReachesItsMethodAndTheReplyComesBack() throws Exception {
        send("/echo hi there", Message.Type.chat);
        Message reply = inbox.next();
        assertNotNull(reply, "the command answered");
        assertEquals("echo: hi there", reply.getBody());
        assertEquals(Prosody.jid(Prosody.GATEWAY) + "/bot", reply.getFrom().toString());
        assertNull(TestHandlers.MESSAGES.poll(300, TimeUnit.MILLISECONDS), "a command is not a plain message");
    }

    @Test
    void anUnknownCommandGoesToItsHook() throws Exception {
        send("/nope x", Message.Type.chat);
        assertEquals("unknown command /nope x", inbox.next().getBody());
    }

    @Test
    void plainTextGoesToOnMessageWithItsSender() throws Exception {
        send("just chatting", Message.Type.chat);
        io.xmppgateway.stanza.Message received = TestHandlers.MESSAGES.poll(10, TimeUnit.SECONDS);
        assertNotNull(received);
        assertEquals("just chatting", received.body().orElseThrow());
        assertEquals(Prosody.jid("carol") + "/smack", received.from().orElseThrow().toString());
    }

    @Test
    void aHeadlineIsNotAChatOrNormalMessage() throws Exception {
        send("news", Message.Type.headline);
        assertNull(TestHandlers.MESSAGES.poll(500, TimeUnit.MILLISECONDS), "@OnMessage takes chat and normal");
    }

    @Test
    void anOversizedMessageIsRefusedWithPolicyViolationAndTheSessionStaysUp() throws Exception {
        long before = dispatcher.oversizedCount();
        send("x".repeat(110_000), Message.Type.chat);
        Message error = inbox.next();
        assertNotNull(error, "the sender was told");
        assertEquals(Message.Type.error, error.getType());
        assertEquals(StanzaError.Condition.policy_violation, error.getError().getCondition());
        assertEquals(before + 1, dispatcher.oversizedCount());
        assertNull(TestHandlers.MESSAGES.poll(300, TimeUnit.MILLISECONDS), "not dispatched");

        send("still here?", Message.Type.chat);
        assertEquals("still here?", TestHandlers.MESSAGES.poll(10, TimeUnit.SECONDS).body().orElseThrow());
        assertEquals(SessionStatus.State.ONLINE, status.current().state());
    }
}
