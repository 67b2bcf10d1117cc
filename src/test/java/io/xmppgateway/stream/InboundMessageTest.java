package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.xmppgateway.bus.Addresses;
import io.xmppgateway.bus.InboundStanza;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.MessageType;
import io.xmppgateway.testing.Online;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.ProsodyResource;
import io.xmppgateway.testing.SmackClients;

/** A message from an independent client to the gateway is published on {@code xmpp.in.message}. */
@QuarkusTest
@WithTestResource(value = ProsodyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InboundMessageTest {

    @Inject
    Vertx vertx;

    @Inject
    SessionStatus status;

    @Test
    void aMessageFromSmackIsPublishedOnTheBus() throws Exception {
        Online.await(status);
        BlockingQueue<InboundStanza> inbound = new ArrayBlockingQueue<>(16);
        MessageConsumer<InboundStanza> consumer = vertx.eventBus().consumer(Addresses.IN_MESSAGE,
                m -> inbound.add(m.body()));
        XMPPTCPConnection bob = SmackClients.connect(Prosody.shared(), "bob");
        try {
            org.jivesoftware.smack.packet.Message sent = bob.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(Prosody.jid(Prosody.GATEWAY)))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                    .setBody("hello gateway <&>")
                    .build();
            bob.sendStanza(sent);

            InboundStanza received = inbound.poll(10, TimeUnit.SECONDS);
            assertNotNull(received, "published on " + Addresses.IN_MESSAGE);
            Message message = (Message) received.stanza();
            assertEquals("hello gateway <&>", message.body().orElseThrow());
            assertEquals(MessageType.CHAT, message.type());
            assertEquals(Prosody.jid("bob") + "/smack", message.from().orElseThrow().toString());
            assertEquals(sent.getStanzaId(), message.id().orElseThrow());
            assertFalse(received.oversized());
        } finally {
            bob.disconnect();
            consumer.unregister();
        }
    }
}
