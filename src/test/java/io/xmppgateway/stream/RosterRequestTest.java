package io.xmppgateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.StreamDecoder;

/** The roster request asks only for what changed since the last version seen, where the server versions rosters. */
class RosterRequestTest {

    private static final Element VERSIONED = Element.builder("features", StreamDecoder.STREAM_NAMESPACE)
            .child(Element.empty("ver", "urn:xmpp:features:rosterver")).build();
    private static final Element UNVERSIONED = Element.empty("features", StreamDecoder.STREAM_NAMESPACE);

    private static Element iq(String type, String id, Element query) {
        Element.Builder iq = Element.builder("iq", "jabber:client").attribute("type", type).attribute("id", id);
        return (query == null ? iq : iq.child(query)).build();
    }

    private static Element query(String ver) {
        return Element.builder("query", RosterRequest.NAMESPACE).attribute("ver", ver)
                .child(Element.builder("item", RosterRequest.NAMESPACE).attribute("jid", "a@example.org").build())
                .build();
    }

    private static String ver(Element request) {
        return request.child("query", RosterRequest.NAMESPACE).orElseThrow().attribute("ver");
    }

    @Test
    void aServerThatVersionsRostersIsAskedForChangesSinceTheLastVersionSeen() {
        RosterRequest roster = new RosterRequest("bot@example.org");
        Element first = roster.request(VERSIONED);
        assertEquals("", ver(first), "no version yet: the whole roster");
        roster.seen(iq("result", first.attribute("id"), query("v7")), 20_000);
        assertEquals(Optional.of("v7"), roster.version());
        roster.seen(iq("set", "push1", query("v8")), 0);
        Element next = roster.request(VERSIONED);
        assertEquals("v8", ver(next), "a push moves the version on");
        assertNotEquals(first.attribute("id"), next.attribute("id"));
        roster.seen(iq("result", next.attribute("id"), null), 0);
        assertEquals(Optional.of("v8"), roster.version(), "an empty answer: unchanged");
    }

    @Test
    void aRosterStanzaFromAnyoneElseChangesNothingAndIdsCannotBeGuessed() {
        RosterRequest roster = new RosterRequest("bot@example.org");
        Element first = roster.request(VERSIONED);
        Element forged = Element.builder("iq", "jabber:client").attribute("type", "set").attribute("id", "p")
                .attribute("from", "mallory@evil.example").child(query("v99")).build();
        roster.seen(forged, 0);
        assertEquals(Optional.empty(), roster.version());
        assertNotEquals(first.attribute("id"), roster.request(VERSIONED).attribute("id"));
        assertTrue(first.attribute("id").length() > 20, first.attribute("id"));
    }

    @Test
    void aServerThatDoesNotVersionRostersGetsAPlainRequest() {
        assertNull(ver(new RosterRequest("bot@example.org").request(UNVERSIONED)));
    }
}
