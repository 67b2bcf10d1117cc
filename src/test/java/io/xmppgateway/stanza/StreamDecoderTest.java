package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamDecoderTest {

    static final String HEADER = "<?xml version='1.0'?><stream:stream from='example.org' id='s1' version='1.0' "
            + "xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    static final String STANZAS = "<message from='juliet@example.org/balcony' to='romeo@example.net' type='chat' "
            + "id='m1'><body>Wherefore art thou, Romeo? ☃ 𝄞 &amp; &lt;3 &#169;</body>"
            + "<thread parent='p'>t1</thread><x xmlns='urn:example:x'><y a='1'>deep</y></x></message>"
            + "\n  <presence from='juliet@example.org/balcony'><show>away</show><status>Zzz</status></presence>"
            + "<iq type='get' id='q1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"
            + "<message><body><![CDATA[<not-markup/>]]></body><p:e xmlns:p='urn:p' p:at='v'/></message>";

    static final List<Element> GOLDEN = List.of(
            Element.builder("message", "jabber:client")
                    .attribute("from", "juliet@example.org/balcony").attribute("to", "romeo@example.net")
                    .attribute("type", "chat").attribute("id", "m1")
                    .child(Element.builder("body", "jabber:client")
                            .text("Wherefore art thou, Romeo? ☃ 𝄞 & <3 ©").build())
                    .child(Element.builder("thread", "jabber:client").attribute("parent", "p").text("t1").build())
                    .child(Element.builder("x", "urn:example:x")
                            .child(Element.builder("y", "urn:example:x").attribute("a", "1").text("deep").build())
                            .build())
                    .build(),
            Element.builder("presence", "jabber:client").attribute("from", "juliet@example.org/balcony")
                    .textChild("show", "away").textChild("status", "Zzz").build(),
            Element.builder("iq", "jabber:client").attribute("type", "get").attribute("id", "q1")
                    .child(Element.empty("query", "http://jabber.org/protocol/disco#info")).build(),
            Element.builder("message", "jabber:client")
                    .textChild("body", "<not-markup/>")
                    .child(Element.builder("e", "urn:p").attribute("p:at", "v").attribute("xmlns:p", "urn:p").build())
                    .build());

    @Test
    void decodesTheHeaderAndGoldenStanzas() throws Exception {
        RecordingListener listener = decode(HEADER + STANZAS + "</stream:stream>");

        assertEquals("example.org", listener.header.attribute("from"));
        assertEquals("jabber:client", listener.header.attribute("xmlns"));
        assertEquals(GOLDEN, listener.elements);
        assertTrue(listener.closed);
    }

    @Test
    void reportsEachStanzasSizeOnTheWire() throws Exception {
        String presence = "<presence><show>away</show></presence>";
        RecordingListener listener = decode(HEADER + presence + "   " + presence);
        assertEquals(List.of(presence.length(), presence.length()), listener.sizes);
    }

    @Test
    void givesTheSameResultWhateverTheChunking() throws Exception {
        byte[] input = (HEADER + STANZAS + "</stream:stream>").getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < input.length; split++) {
            RecordingListener listener = new RecordingListener();
            StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), listener);
            decoder.feed(input, 0, split);
            decoder.feed(input, split, input.length - split);
            assertEquals(GOLDEN, listener.elements, "split at byte " + split);
            assertTrue(listener.closed, "split at byte " + split);
        }
    }

    @Test
    void givesTheSameResultFedOneByteAtATime() throws Exception {
        byte[] input = (HEADER + STANZAS).getBytes(StandardCharsets.UTF_8);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), listener);
        for (int i = 0; i < input.length; i++) {
            decoder.feed(input, i, 1);
        }
        assertEquals(GOLDEN, listener.elements);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<message><!-- a comment --></message>",
            "<?pi data?>",
            "<message><body>&unknown;</body></message>",
    })
    void restrictedXmlInsideTheStreamIsAStreamError(String input) {
        assertStreamError(StreamErrorCondition.RESTRICTED_XML, HEADER + input);
    }

    @Test
    void aDoctypeIsRestrictedXml() {
        assertStreamError(StreamErrorCondition.RESTRICTED_XML, "<?xml version='1.0'?><!DOCTYPE stream>" + HEADER);
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                + HEADER + "<message><body>&lol3;</body></message>";
        assertStreamErrorAtEverySplit(StreamErrorCondition.RESTRICTED_XML, laughs);
    }

    @Test
    void externalEntitiesAreRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + HEADER + "<message><body>&xxe;</body></message>";
        assertStreamErrorAtEverySplit(StreamErrorCondition.RESTRICTED_XML, xxe);
    }

    @Test
    void anEncodingOtherThanUtf8IsUnsupported() {
        assertStreamError(StreamErrorCondition.UNSUPPORTED_ENCODING,
                "<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER.substring(HEADER.indexOf("?>") + 2));
    }

    @Test
    void invalidUtf8IsUnsupportedEncoding() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write((HEADER + "<message><body>").getBytes(StandardCharsets.UTF_8));
        input.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // a lead byte followed by a non-continuation byte
        input.write("</body></message>".getBytes(StandardCharsets.UTF_8));
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        StreamErrorException error = assertThrows(StreamErrorException.class, () -> decoder.feed(input.toByteArray()));
        assertEquals(StreamErrorCondition.UNSUPPORTED_ENCODING, error.condition());
    }

    @Test
    void aRootOtherThanTheStreamIsInvalidNamespace() {
        assertStreamError(StreamErrorCondition.INVALID_NAMESPACE, "<stream xmlns='jabber:client'>");
    }

    @Test
    void malformedXmlIsNotWellFormed() {
        assertStreamError(StreamErrorCondition.NOT_WELL_FORMED, HEADER + "<message></presence>");
    }

    @Test
    void depthAtTheLimitPassesAndOneMoreFails() throws Exception {
        // The stream is depth 1 and the stanza depth 2: 31 nested elements reach exactly 32.
        assertEquals(1, decode(HEADER + nested(31)).elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + nested(32));
    }

    @Test
    void attributesAtTheLimitPassAndOneMoreFails() throws Exception {
        assertEquals(1, decode(HEADER + withAttributes(64)).elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + withAttributes(65));
    }

    @Test
    void namespaceDeclarationsCountAsAttributes() throws Exception {
        assertEquals(1, decode(HEADER + withAttributes(63).replace("<message", "<message xmlns='jabber:client'"))
                .elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION,
                HEADER + withAttributes(64).replace("<message", "<message xmlns:p='urn:p'"));
    }

    @Test
    void distinctNamesInOneStreamAtTheLimitPassAndOneMoreFail() throws Exception {
        // The header holds 7 names (stream:stream, from, id, version, xml:lang, xmlns, xmlns:stream); <message> one.
        int room = 4096 - 8;
        assertEquals(5, decode(HEADER + withDistinctNames(room)).elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + withDistinctNames(room + 1));
    }

    @Test
    void namesUsedAgainDoNotCount() throws Exception {
        String stanza = "<message to='a' id='b'><body>hi</body><x xmlns='urn:x' a='1'/></message>";
        assertEquals(10_000, decode(HEADER + stanza.repeat(10_000)).elements.size());
    }

    @Test
    void elementsAtTheLimitPassAndOneMoreFails() throws Exception {
        assertEquals(1, decode(HEADER + withChildren(1023)).elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + withChildren(1024));
    }

    @Test
    void attributeValueAtTheLimitPassesAndOneMoreFails() throws Exception {
        assertEquals(1, decode(HEADER + "<message id='" + "a".repeat(10 * 1024) + "'/>").elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + "<message id='" + "a".repeat(10 * 1024 + 1)
                + "'/>");
    }

    @Test
    void nameAtTheLimitPassesAndOneMoreFails() throws Exception {
        assertEquals(1, decode(HEADER + "<" + "n".repeat(1024) + "/>").elements.size());
        assertStreamError(StreamErrorCondition.POLICY_VIOLATION, HEADER + "<" + "n".repeat(1025) + "/>");
    }

    @Test
    void aStanzaOfExactlyTheHardCapPassesAndOneByteMoreClosesTheStream() throws Exception {
        DecoderLimits limits = DecoderLimits.of(1000, 1000);
        String exact = messageOfSize(1000);
        RecordingListener listener = new RecordingListener();
        new StreamDecoder(limits, listener).feed((HEADER + exact).getBytes(StandardCharsets.UTF_8));
        assertEquals(1, listener.elements.size());
        assertEquals(1000, listener.sizes.get(0));

        StreamDecoder decoder = new StreamDecoder(limits, new RecordingListener());
        StreamErrorException error = assertThrows(StreamErrorException.class,
                () -> decoder.feed((HEADER + messageOfSize(1001)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, error.condition());
    }

    @Test
    void aStanzaOverTheAppLimitIsReportedByItsHeadAndTheStreamGoesOn() throws Exception {
        DecoderLimits limits = DecoderLimits.of(4000, 1000);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(limits, listener);
        decoder.feed((HEADER + messageOfSize(1000) + messageOfSize(1001) + "<presence/>")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(2, listener.elements.size(), "the stanzas around the oversized one");
        assertEquals(1, listener.oversized.size());
        Element head = listener.oversized.get(0);
        assertEquals("message", head.name());
        assertEquals("big", head.attribute("id"));
        assertTrue(head.children().isEmpty(), "the oversized stanza's content is not kept");
        assertEquals(List.of(1000, 1001, "<presence/>".length()), listener.sizes);
    }

    @Test
    void aStanzaThatPassesTheAppLimitInsideNestedTextIsReportedAndTheStreamGoesOn() throws Exception {
        DecoderLimits limits = DecoderLimits.of(8000, 1000);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(limits, listener);
        String big = "<message id='big'><body>" + "x".repeat(3000) + "</body><x xmlns='urn:x'><y/></x></message>";
        decoder.feed((HEADER + big + "<presence/>").getBytes(StandardCharsets.UTF_8));

        assertEquals(1, listener.oversized.size());
        assertEquals("big", listener.oversized.get(0).attribute("id"));
        assertEquals(List.of(Element.empty("presence", "jabber:client")), listener.elements);
        assertEquals(List.of(big.length(), "<presence/>".length()), listener.sizes);
    }

    @Test
    void aNeverEndingElementIsCutOffAtTheHardCap() throws Exception {
        DecoderLimits limits = DecoderLimits.of(64 * 1024, 1024);
        StreamDecoder decoder = new StreamDecoder(limits, new RecordingListener());
        decoder.feed((HEADER + "<message><body>").getBytes(StandardCharsets.UTF_8));
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
        StreamErrorException error = assertThrows(StreamErrorException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                decoder.feed(chunk);
            }
        });
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, error.condition());
    }

    @Test
    void whitespaceKeepalivesBetweenStanzasNeverAddUpToTheCap() throws Exception {
        DecoderLimits limits = DecoderLimits.of(2048, 1024);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(limits, listener);
        decoder.feed(HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 10_000; i++) {
            decoder.feed(new byte[] {' '});
        }
        decoder.feed("<presence/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, listener.elements.size());
    }

    @Test
    void afterAnErrorEveryFeedFailsTheSameWay() {
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        StreamErrorException first = assertThrows(StreamErrorException.class,
                () -> decoder.feed((HEADER + "<a><!--x--></a>").getBytes(StandardCharsets.UTF_8)));
        StreamErrorException second = assertThrows(StreamErrorException.class,
                () -> decoder.feed("<presence/>".getBytes(StandardCharsets.UTF_8)));
        assertNotNull(first);
        assertEquals(first, second);
    }

    private static String roster(String id, int contacts) {
        StringBuilder roster = new StringBuilder("<iq type='result' id='" + id + "'><query xmlns='jabber:iq:roster' "
                + "ver='v42'>");
        for (int i = 0; i < contacts; i++) {
            roster.append("<item jid='contact").append(i).append("@example.org' name='Contact number ").append(i)
                    .append("' subscription='both'><group>Friends</group></item>\n");
        }
        return roster.append("</query></iq>").toString();
    }

    @Test
    void anAnnouncedLargeAnswerIsReadWithItsOwnBoundItsItemsCountedNotHeld() throws Exception {
        String roster = roster("roster-1", 20_000); // some 2 MB, 40,000 elements
        assertTrue(roster.length() > DecoderLimits.DEFAULT_MAX_STANZA_BYTES);
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), listener);
        decoder.expectLarge("roster-1", "bot@example.org", 8 * 1024 * 1024);
        byte[] bytes = (HEADER + roster + STANZAS).getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += 1500) { // as it comes off a socket
            decoder.feed(bytes, at, Math.min(1500, bytes.length - at));
        }
        assertEquals(Element.builder("iq", "jabber:client").attribute("type", "result").attribute("id", "roster-1")
                .child(Element.builder("query", "jabber:iq:roster").attribute("ver", "v42").build()).build(),
                listener.elements.get(0), "the answer and its payload's head, without the items");
        assertEquals(20_000, decoder.largeItems(), "the payload's children: the items");
        assertEquals(GOLDEN, listener.elements.subList(1, listener.elements.size()), "what follows is read as ever");
    }

    @Test
    void onlyTheAccountsAnswerTakesTheLargeSlotAndOnlyItsPayloadHeadIsKept() throws Exception {
        String injected = "<iq type='result' id='roster-1' from='mallory@evil.example'><query xmlns='jabber:iq:roster'/>"
                + "</iq><iq type='set' id='roster-1'><query xmlns='jabber:iq:roster'/></iq>";
        String roster = roster("roster-1", 20_000).replace("</query></iq>",
                "</query><extra xmlns='urn:x'>" + "y".repeat(1000) + "<deep/></extra></iq>");
        RecordingListener listener = new RecordingListener();
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), listener);
        decoder.expectLarge("roster-1", "bot@example.org", 8 * 1024 * 1024);
        decoder.feed((HEADER + injected + roster).getBytes(StandardCharsets.UTF_8));
        assertEquals(3, listener.elements.size(), "the impostors are read as ordinary stanzas, the answer as large");
        Element answer = listener.elements.get(2);
        assertEquals(1, answer.elements().size(), "a second child of the answer is dropped, not held");
        assertEquals(20_000, decoder.largeItems());
    }

    @Test
    void aLargeAnswerIsStillBoundedAndOnlyTheAnnouncedOneIsLarge() throws Exception {
        StreamDecoder bounded = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        bounded.expectLarge("roster-1", "bot@example.org", 1024 * 1024);
        StreamErrorException over = assertThrows(StreamErrorException.class, () -> bounded.feed(
                (HEADER + roster("roster-1", 20_000)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, over.condition(), over.getMessage());

        StreamDecoder other = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        other.expectLarge("roster-1", "bot@example.org", 8 * 1024 * 1024);
        StreamErrorException notAnnounced = assertThrows(StreamErrorException.class, () -> other.feed(
                (HEADER + roster("roster-2", 2_000)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, notAnnounced.condition(), notAnnounced.getMessage());

        StreamDecoder once = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        once.expectLarge("roster-1", "bot@example.org", 8 * 1024 * 1024);
        StreamErrorException second = assertThrows(StreamErrorException.class, () -> once.feed(
                (HEADER + roster("roster-1", 10) + roster("roster-1", 2_000)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(StreamErrorCondition.POLICY_VIOLATION, second.condition(), "announced once, large once");
    }

    static RecordingListener decode(String input) throws StreamErrorException {
        RecordingListener listener = new RecordingListener();
        new StreamDecoder(DecoderLimits.defaults(), listener).feed(input.getBytes(StandardCharsets.UTF_8));
        return listener;
    }

    private static void assertStreamError(StreamErrorCondition expected, String input) {
        StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), new RecordingListener());
        StreamErrorException error = assertThrows(StreamErrorException.class,
                () -> decoder.feed(input.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, error.condition(), error.getMessage());
    }

    private static void assertStreamErrorAtEverySplit(StreamErrorCondition expected, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            RecordingListener listener = new RecordingListener();
            StreamDecoder decoder = new StreamDecoder(DecoderLimits.defaults(), listener);
            int at = split;
            StreamErrorException error = assertThrows(StreamErrorException.class, () -> {
                decoder.feed(bytes, 0, at);
                decoder.feed(bytes, at, bytes.length - at);
            }, "split at " + split);
            assertEquals(expected, error.condition(), "split at " + split + ": " + error.getMessage());
            assertTrue(listener.elements.isEmpty(), "nothing decoded, split at " + split);
        }
    }

    private static String nested(int depth) {
        return "<a>".repeat(depth) + "</a>".repeat(depth);
    }

    private static String withAttributes(int count) {
        StringBuilder element = new StringBuilder("<message");
        for (int i = 0; i < count; i++) {
            element.append(" a").append(i).append("='v'");
        }
        return element.append("/>").toString();
    }

    /** Messages whose children have {@code count} names in all, none used twice. */
    private static String withDistinctNames(int count) {
        StringBuilder stanzas = new StringBuilder();
        for (int stanza = 0; stanza * 1000 < count; stanza++) {
            stanzas.append("<message>");
            for (int n = stanza * 1000; n < Math.min(count, (stanza + 1) * 1000); n++) {
                stanzas.append("<n").append(n).append("/>");
            }
            stanzas.append("</message>");
        }
        return stanzas.toString();
    }

    private static String withChildren(int count) {
        return "<message>" + "<b/>".repeat(count) + "</message>";
    }

    /** A message of exactly {@code bytes} bytes on the wire. */
    private static String messageOfSize(int bytes) {
        String open = "<message id='big'><body>";
        String close = "</body></message>";
        return open + "x".repeat(bytes - open.length() - close.length()) + close;
    }
}
