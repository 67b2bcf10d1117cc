package io.xmppgateway.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;
import io.xmppgateway.stanza.Message;
import io.xmppgateway.stanza.Presence;
import io.xmppgateway.stanza.PresenceType;

/**
 * The {@code webhook-id} an app drops copies by: the same stanza delivered again — resent by the server with a
 * {@code <delay/>} after a reconnection, or handled by another replica — carries the same one; a contact's presence
 * repeated on a probe is news, and never does.
 */
class WebhookIdTest {

    private static final String CHAT = "/_ah/xmpp/message/chat/";

    private static Message message(String from, String id, String body) {
        Message.Builder message = Message.builder().from(Jid.of(from)).to(Jid.of("app@example.org")).body(body);
        return id == null ? message.build() : message.id(id).build();
    }

    @Test
    void aResentCopyOfAStanzaHasTheSameId() {
        Message first = message("juliet@example.org/balcony", "m-1", "hi");
        Message resent = Message.builder().from(Jid.of("juliet@example.org/balcony")).to(Jid.of("app@example.org"))
                .id("m-1").body("hi")
                .child(Element.builder("delay", "urn:xmpp:delay").attribute("stamp", "2026-12-01T18:00:00Z").build())
                .build();

        assertEquals(WebhookDelivery.webhookId(first, CHAT), WebhookDelivery.webhookId(resent, CHAT));
        assertTrue(WebhookDelivery.webhookId(first, CHAT).matches("msg_[A-Za-z0-9_-]{24}"),
                WebhookDelivery.webhookId(first, CHAT));
    }

    @Test
    void anotherIdAnotherSenderOrAnotherServiceIsAnotherDelivery() {
        String id = WebhookDelivery.webhookId(message("juliet@example.org/balcony", "m-1", "hi"), CHAT);

        assertNotEquals(id, WebhookDelivery.webhookId(message("juliet@example.org/balcony", "m-2", "hi"), CHAT));
        assertNotEquals(id, WebhookDelivery.webhookId(message("juliet@example.org/garden", "m-1", "hi"), CHAT));
        assertNotEquals(id, WebhookDelivery.webhookId(message("romeo@example.org/balcony", "m-1", "hi"), CHAT));
        assertNotEquals(id, WebhookDelivery.webhookId(message("juliet@example.org/balcony", "m-1", "hi"),
                "/_ah/xmpp/error/"));
    }

    @Test
    void aContactsPresenceRepeatedOnAProbeIsNewsEachTime() {
        String path = "/_ah/xmpp/presence/available/";
        Presence available = Presence.builder().from(Jid.of("juliet@example.org/balcony"))
                .to(Jid.of("app@example.org")).id("p-1").build();
        Presence unavailable = Presence.builder().from(Jid.of("juliet@example.org/balcony"))
                .to(Jid.of("app@example.org")).id("p-2").type(PresenceType.UNAVAILABLE).build();
        Presence subscribe = Presence.builder().from(Jid.of("juliet@example.org"))
                .to(Jid.of("app@example.org")).id("p-3").type(PresenceType.SUBSCRIBE).build();

        assertNotEquals(WebhookDelivery.webhookId(available, path), WebhookDelivery.webhookId(available, path));
        assertNotEquals(WebhookDelivery.webhookId(unavailable, path), WebhookDelivery.webhookId(unavailable, path));
        assertEquals(WebhookDelivery.webhookId(subscribe, path), WebhookDelivery.webhookId(subscribe, path));
    }

    @Test
    void aStanzaWithoutAnIdGetsAFreshOneEachTime() {
        Message noId = message("juliet@example.org/balcony", null, "hi");

        assertNotEquals(WebhookDelivery.webhookId(noId, CHAT), WebhookDelivery.webhookId(noId, CHAT));
    }
}
