package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The stanza interfaces of slixmpp (seed 001): message, presence and iq. */
class StanzaViewsTest {

    private static Stanza parse(String xml) throws StreamErrorException {
        return Stanza.of(StreamDecoderTest.decode(StreamDecoderTest.HEADER + xml).elements.get(0)).orElseThrow();
    }

    @Test
    void aMessageWithoutTypeIsNormal() throws Exception {
        Message message = (Message) parse("<message to='a@example.org'><body>hi</body></message>");
        assertEquals(MessageType.NORMAL, message.type());
        assertEquals(Optional.of("hi"), message.body());
    }

    @Test
    void readsSubjectThreadAndParentThread() throws Exception {
        Message message = (Message) parse("<message type='chat'><subject>s</subject>"
                + "<thread parent='p1'>t1</thread><body>b</body></message>");
        assertEquals(Optional.of("s"), message.subject());
        assertEquals(Optional.of("t1"), message.thread());
        assertEquals(Optional.of("p1"), message.parentThread());
    }

    @Test
    void aGroupchatMessageNamesItsRoomAndNick() throws Exception {
        Message message = (Message) parse("<message type='groupchat' from='room@muc.example.org/juliet' "
                + "to='bot@example.org/bot' id='g1'><body>hello</body></message>");
        assertEquals(Optional.of(Jid.of("room@muc.example.org")), message.mucroom());
        assertEquals(Optional.of("juliet"), message.mucnick());

        Message reply = message.reply("hi all");
        assertEquals(Optional.of(Jid.of("room@muc.example.org")), reply.to(), "a groupchat reply goes to the room");
        assertEquals(Optional.of(Jid.of("bot@example.org/bot")), reply.from());
        assertEquals(Optional.of("hi all"), reply.body());
        assertEquals(Optional.empty(), reply.id());
    }

    @Test
    void aChatReplySwapsAddressesKeepsTheThreadAndClearsTheRest() throws Exception {
        Message message = (Message) parse("<message type='chat' from='a@example.org/x' to='b@example.org/y' "
                + "id='m1'><body>q</body><thread>t</thread><x xmlns='urn:x'/></message>");
        Message reply = message.reply("answer");
        assertEquals(Optional.of(Jid.of("a@example.org/x")), reply.to());
        assertEquals(Optional.of(Jid.of("b@example.org/y")), reply.from());
        assertEquals(Optional.of("t"), reply.thread());
        assertEquals(Optional.of("answer"), reply.body());
        assertTrue(reply.element().child("x", "urn:x").isEmpty());
        assertEquals(MessageType.CHAT, reply.type());

        Message kept = message.reply("answer", false);
        assertTrue(kept.element().child("x", "urn:x").isPresent(), "clear=false keeps the content");
        assertEquals(1, kept.element().elements().stream().filter(e -> e.name().equals("body")).count());
    }

    @Test
    void messagesAreBuiltWithTheirFields() {
        Message message = Message.builder().to(Jid.of("a@example.org")).type(MessageType.HEADLINE)
                .subject("s").body("b").thread("t").parentThread("p").build();
        assertEquals("<message to='a@example.org' type='headline'><subject>s</subject><body>b</body>"
                + "<thread parent='p'>t</thread></message>", message.toXml());
    }

    @Test
    void presenceReadsTypeShowStatusAndPriority() throws Exception {
        Presence presence = (Presence) parse("<presence from='a@example.org/r'><show>dnd</show>"
                + "<status>busy</status><priority>5</priority></presence>");
        assertEquals(PresenceType.AVAILABLE, presence.type());
        assertEquals(Optional.of(Show.DND), presence.show());
        assertEquals(Optional.of("busy"), presence.status());
        assertEquals(5, presence.priority());
        assertEquals(0, ((Presence) parse("<presence><priority>x</priority></presence>")).priority());
        assertEquals(PresenceType.UNAVAILABLE, ((Presence) parse("<presence type='unavailable'/>")).type());
    }

    @Test
    void aReplyToSubscribeIsSubscribed() throws Exception {
        Presence subscribe = (Presence) parse("<presence type='subscribe' from='a@example.org' to='b@example.org'/>");
        Presence reply = subscribe.reply();
        assertEquals(PresenceType.SUBSCRIBED, reply.type());
        assertEquals(Optional.of(Jid.of("a@example.org")), reply.to());
        assertEquals(PresenceType.UNSUBSCRIBED,
                ((Presence) parse("<presence type='unsubscribe' from='a@example.org'/>")).reply().type());
    }

    @Test
    void presenceIsBuiltWithShowStatusAndPriority() {
        Presence presence = Presence.builder().show(Show.AWAY).status("lunch").priority(-1).build();
        assertEquals("<presence><show>away</show><status>lunch</status><priority>-1</priority></presence>",
                presence.toXml());
        assertThrows(IllegalArgumentException.class, () -> Presence.builder().priority(128));
    }

    @Test
    void anIqReplyIsAResultToTheRequesterWithTheSameId() throws Exception {
        Iq request = (Iq) parse("<iq type='get' id='v1' from='a@example.org/r' to='bot@example.org/bot'>"
                + "<query xmlns='jabber:iq:version'/></iq>");
        assertEquals(Optional.of(IqType.GET), request.type());
        assertEquals(Optional.of("jabber:iq:version"), request.queryNamespace());

        Iq result = request.reply(Element.builder("query", "jabber:iq:version").textChild("name", "gw").build());
        assertEquals("<iq type='result' id='v1' from='bot@example.org/bot' to='a@example.org/r'>"
                + "<query xmlns='jabber:iq:version'><name>gw</name></query></iq>", result.toXml());
    }

    @Test
    void anIqErrorCarriesTheConditionAndItsDefaultType() throws Exception {
        Iq request = (Iq) parse("<iq type='set' id='s1' from='a@example.org/r'><query xmlns='urn:unknown'/></iq>");
        Iq error = request.errorReply(StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "no handler"));
        assertEquals(Optional.of(IqType.ERROR), error.type());
        assertEquals("<iq type='error' id='s1' to='a@example.org/r'><error type='cancel'>"
                + "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no handler</text></error></iq>", error.toXml());
        assertEquals(StanzaError.of(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "no handler"),
                error.error().orElseThrow());
        assertFalse(error.payload().isPresent(), "the error element is not a payload");
    }
}
