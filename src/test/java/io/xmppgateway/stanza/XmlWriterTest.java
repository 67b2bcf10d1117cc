package io.xmppgateway.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlWriterTest {

    @Test
    void escapesTextAndAttributesDifferently() {
        Element element = Element.builder("message", "jabber:client")
                .attribute("id", "a'b\"c<d>&\t\n\r")
                .textChild("body", "</body></message><iq type='set'/> & \"q\"\r\n")
                .build();
        assertEquals("<message id='a&apos;b&quot;c&lt;d&gt;&amp;&#9;&#10;&#13;'>"
                        + "<body>&lt;/body&gt;&lt;/message&gt;&lt;iq type='set'/&gt; &amp; \"q\"&#13;\n</body></message>",
                XmlWriter.write(element, "jabber:client"));
    }

    @Test
    void declaresANamespaceOnlyWhereItChanges() {
        Element iq = Element.builder("iq", "jabber:client").attribute("type", "get")
                .child(Element.builder("query", "jabber:iq:version")
                        .child(Element.empty("name", "jabber:iq:version")).build())
                .build();
        assertEquals("<iq type='get'><query xmlns='jabber:iq:version'><name/></query></iq>",
                XmlWriter.write(iq, "jabber:client"));
        assertEquals("<iq xmlns='jabber:client' type='get'><query xmlns='jabber:iq:version'><name/></query></iq>",
                XmlWriter.write(iq));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0001b", "\uD800", "x\uDC00", "\uFFFE", "\uFFFF"})
    void refusesCharactersXmlCannotCarry(String text) {
        Element element = Element.builder("body", "jabber:client").text(text).build();
        assertThrows(InvalidXmlException.class, () -> XmlWriter.write(element));
        Element attribute = Element.builder("body", "jabber:client").attribute("a", text).build();
        assertThrows(InvalidXmlException.class, () -> XmlWriter.write(attribute));
    }

    @Test
    void writesSupplementaryCharactersAsThemselves() {
        assertEquals("<body xmlns='jabber:client'>𝄞 😀</body>",
                XmlWriter.write(Element.builder("body", "jabber:client").text("𝄞 😀").build()));
    }

    @Test
    void whatItWritesTheDecoderReadsBackUnchanged() throws Exception {
        Element original = Element.builder("message", "jabber:client")
                .attribute("to", "romeo@example.net").attribute("xml:lang", "en")
                .attribute("note", "tab\there, newline\nthere, quote ' \" & <>")
                .textChild("body", "<b>bold</b> & ]]> \r\n 𝄞")
                .child(Element.builder("x", "urn:x").child(Element.builder("y", "urn:y").text("z").build()).build())
                .build();
        String stream = StreamDecoderTest.HEADER + XmlWriter.write(original, "jabber:client");
        RecordingListener listener = new RecordingListener();
        new StreamDecoder(DecoderLimits.defaults(), listener).feed(stream.getBytes(StandardCharsets.UTF_8));
        assertEquals(original, listener.elements.get(0));
    }
}
