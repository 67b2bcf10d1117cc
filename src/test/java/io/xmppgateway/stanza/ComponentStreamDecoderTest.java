package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A component stream (XEP-0114 §3) carries the same stanzas as a client stream in {@code jabber:component:accept}:
 * its decoder reads them as {@code jabber:client} stanzas, the model's, and leaves everything else as it is.
 */
class ComponentStreamDecoderTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='app.example.org' id='c1'>";

    @Test
    void readsAComponentStreamsStanzasAsClientOnesWhateverTheChunking() throws Exception {
        byte[] input = (HEADER + StreamDecoderTest.STANZAS + "</stream:stream>").getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < input.length; split++) {
            RecordingListener listener = new RecordingListener();
            StreamDecoder decoder = component(listener);
            decoder.feed(input, 0, split);
            decoder.feed(input, split, input.length - split);
            assertEquals(StreamDecoderTest.GOLDEN, listener.elements, "split at byte " + split);
            assertTrue(listener.closed, "split at byte " + split);
        }
    }

    @Test
    void theHeaderKeepsTheStreamsOwnNamespace() throws Exception {
        RecordingListener listener = decode(HEADER);
        assertEquals(Stanza.COMPONENT_NAMESPACE, listener.header.attribute("xmlns"));
        assertEquals("c1", listener.header.attribute("id"));
    }

    @Test
    void theViewsReadAComponentsStanzas() throws Exception {
        RecordingListener listener = decode(HEADER
                + "<message from='alice@example.org/phone' to='anyone@app.example.org/res' type='chat' id='m1'>"
                + "<body>hi</body><thread>t</thread></message>"
                + "<iq from='example.org' to='app.example.org' type='error' id='q1'><ping xmlns='urn:xmpp:ping'/>"
                + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                + "</iq>");

        Message message = (Message) Stanza.of(listener.elements.get(0)).orElseThrow();
        assertEquals(Jid.of("anyone@app.example.org/res"), message.to().orElseThrow());
        assertEquals("hi", message.body().orElseThrow());
        assertEquals("t", message.thread().orElseThrow());
        Iq iq = (Iq) Stanza.of(listener.elements.get(1)).orElseThrow();
        assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, iq.error().orElseThrow().condition());
        assertEquals(List.of(Element.empty("ping", "urn:xmpp:ping")), iq.payloads());
    }

    @Test
    void aStanzaWrittenForTheStreamDecodesToItself() throws Exception {
        String written = StreamDecoderTest.GOLDEN.stream()
                .map(element -> XmlWriter.write(element, Stanza.CLIENT_NAMESPACE))
                .reduce("", String::concat);
        assertEquals(StreamDecoderTest.GOLDEN, decode(HEADER + written).elements);
    }

    @Test
    void theHandshakeAndOtherNonStanzasKeepTheirNamespace() throws Exception {
        RecordingListener listener = decode(HEADER + "<handshake/><other><body/></other>"
                + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
        assertEquals(List.of(
                Element.empty("handshake", Stanza.COMPONENT_NAMESPACE),
                Element.builder("other", Stanza.COMPONENT_NAMESPACE)
                        .child(Element.empty("body", Stanza.COMPONENT_NAMESPACE)).build(),
                Element.builder("error", StreamDecoder.STREAM_NAMESPACE)
                        .child(Element.empty("conflict", StreamErrorCondition.NAMESPACE)).build()),
                listener.elements);
    }

    @Test
    void aStanzaInAnotherNamespaceIsLeftAsItCame() throws Exception {
        RecordingListener listener = decode(HEADER + "<message xmlns='jabber:client'><body>a</body></message>"
                + "<message xmlns='urn:other'><body>b</body></message>");
        assertEquals(Element.builder("message", Stanza.CLIENT_NAMESPACE).textChild("body", "a").build(),
                listener.elements.get(0));
        assertEquals(Element.builder("message", "urn:other").textChild("body", "b").build(),
                listener.elements.get(1));
    }

    @Test
    void anOversizedStanzasHeadIsAClientStanzasHead() throws Exception {
        RecordingListener listener = new RecordingListener();
        new StreamDecoder(DecoderLimits.of(1000, 100), listener, Stanza.COMPONENT_NAMESPACE).feed(
                (HEADER + "<message to='x@app.example.org' id='big'><body>" + "x".repeat(200) + "</body></message>")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(Element.builder("message", Stanza.CLIENT_NAMESPACE)
                .attribute("to", "x@app.example.org").attribute("id", "big").build()), listener.oversized);
    }

    @Test
    void aClientStreamLeavesTheComponentNamespaceAlone() throws Exception {
        RecordingListener listener = StreamDecoderTest.decode(StreamDecoderTest.HEADER
                + "<message xmlns='jabber:component:accept'><body>a</body></message>");
        assertEquals(Element.builder("message", Stanza.COMPONENT_NAMESPACE)
                .textChild("body", "a").build(), listener.elements.get(0));
        assertTrue(Stanza.of(listener.elements.get(0)).isEmpty());
    }

    private static StreamDecoder component(RecordingListener listener) {
        return new StreamDecoder(DecoderLimits.defaults(), listener, Stanza.COMPONENT_NAMESPACE);
    }

    private static RecordingListener decode(String input) throws StreamErrorException {
        RecordingListener listener = new RecordingListener();
        component(listener).feed(input.getBytes(StandardCharsets.UTF_8));
        return listener;
    }
}
