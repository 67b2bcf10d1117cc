package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Jid;

/** A component's acknowledgement: each ping's answer hands on the h it was sent with, and nothing else does. */
class PingAcknowledgementTest {

    private final PingAcknowledgement acks = new PingAcknowledgement(Jid.of("app.example.org"),
            Jid.of("example.org"));

    @Test
    void thePingCarriesTheComponentsFromAndGoesToTheServer() {
        Element ping = acks.request(3);
        assertEquals("app.example.org", ping.attribute("from"));
        assertEquals("example.org", ping.attribute("to"));
        assertEquals("get", ping.attribute("type"));
        assertEquals(Keepalive.PING_NAMESPACE, ping.elements().get(0).namespace());
    }

    @Test
    void aResultOrAnErrorAcknowledgesWhatWasWrittenBeforeItsPing() {
        Element first = acks.request(3);
        Element second = acks.request(5);
        assertEquals(OptionalLong.of(3), acks.answer(answer(first, "result", "example.org")));
        assertEquals(OptionalLong.of(5), acks.answer(answer(second, "error", null)));
    }

    @Test
    void aLaterAnswerCoversTheEarlierPings() {
        acks.request(1);
        Element second = acks.request(4);
        assertEquals(OptionalLong.of(4), acks.answer(answer(second, "result", "example.org")));
        assertEquals(OptionalLong.empty(), acks.answer(answer(second, "result", "example.org")), "answered once");
    }

    @Test
    void anythingElseIsNotAnAcknowledgement() {
        Element ping = acks.request(2);
        assertEquals(OptionalLong.empty(), acks.answer(answer(ping, "result", "mallory@example.org")), "spoofed");
        assertEquals(OptionalLong.empty(), acks.answer(answer(ping, "get", "example.org")), "a request");
        assertEquals(OptionalLong.empty(), acks.answer(Element.builder("iq", "jabber:client")
                .attribute("type", "result").attribute("id", "other").build()), "another id");
        acks.clear();
        assertEquals(OptionalLong.empty(), acks.answer(answer(ping, "result", "example.org")), "from a dead stream");
    }

    private static Element answer(Element ping, String type, String from) {
        Element.Builder answer = Element.builder("iq", "jabber:client").attribute("type", type)
                .attribute("id", ping.attribute("id")).attribute("to", "app.example.org");
        if (from != null) {
            answer.attribute("from", from);
        }
        return answer.build();
    }
}
