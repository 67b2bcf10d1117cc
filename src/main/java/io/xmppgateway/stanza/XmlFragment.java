package io.xmppgateway.stanza;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses XML that a caller wants placed inside a stanza (App Engine's {@code raw_xml}). It must be well-formed,
 * restricted XML (RFC 6120 §11: no DTD, comment, processing instruction or entity reference), and may not contain
 * stream-level elements or stanzas of its own.
 */
public final class XmlFragment {

    private static final String STREAM_OPEN = "<stream:stream xmlns='" + Stanza.CLIENT_NAMESPACE
            + "' xmlns:stream='" + StreamDecoder.STREAM_NAMESPACE + "'>";

    private XmlFragment() {
    }

    /**
     * The one element of {@code xml}, e.g. an IQ payload.
     *
     * @throws InvalidXmlException it is not exactly one element (whitespace around it aside), or not allowed
     */
    public static Element parseElement(String xml, int maxBytes) {
        List<Node> nodes = parseMessageContent(xml, maxBytes);
        List<Element> elements = nodes.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
        boolean onlyWhitespace = nodes.stream()
                .allMatch(node -> node instanceof Element || ((Text) node).value().isBlank());
        if (elements.size() != 1 || !onlyWhitespace) {
            throw new InvalidXmlException("exactly one element is expected, found " + elements.size()
                    + (onlyWhitespace ? "" : " and text"));
        }
        return elements.get(0);
    }

    /**
     * The nodes of {@code xml} as the children of a {@code <message/>}.
     *
     * @param maxBytes the largest fragment accepted (a larger one is refused before it is parsed)
     * @throws InvalidXmlException why the fragment cannot go inside a stanza
     */
    public static List<Node> parseMessageContent(String xml, int maxBytes) {
        byte[] wrapped = (STREAM_OPEN + "<message>" + xml + "</message>").getBytes(StandardCharsets.UTF_8);
        if (wrapped.length - STREAM_OPEN.length() > maxBytes) {
            throw new InvalidXmlException("the XML is larger than " + maxBytes + " bytes");
        }
        Collector collector = new Collector();
        try {
            new StreamDecoder(DecoderLimits.of(maxBytes + 64, maxBytes + 64), collector).feed(wrapped);
        } catch (StreamErrorException e) {
            throw new InvalidXmlException("not well-formed, restricted XML (" + e.getMessage() + ")");
        }
        if (collector.count != 1 || collector.closed) {
            throw new InvalidXmlException("the XML must stay inside the message: it closes or opens stanzas");
        }
        for (Node node : collector.message.children()) {
            if (node instanceof Element element) {
                checkAllowed(element);
            }
        }
        return collector.message.children();
    }

    private static void checkAllowed(Element element) {
        if (element.namespace().equals(StreamDecoder.STREAM_NAMESPACE)) {
            throw new InvalidXmlException("stream-level element <" + element.name() + "/> is not allowed");
        }
        if (element.namespace().equals(Stanza.CLIENT_NAMESPACE)
                && List.of(Message.ELEMENT, Presence.ELEMENT, Iq.ELEMENT).contains(element.name())) {
            throw new InvalidXmlException("a <" + element.name() + "/> stanza cannot go inside a message");
        }
        for (Element child : element.elements()) {
            checkAllowed(child);
        }
    }

    private static final class Collector implements StreamDecoder.Listener {
        Element message;
        int count;
        boolean closed;

        @Override
        public void streamOpened(Element header) {
        }

        @Override
        public void element(Element element, int wireBytes) {
            message = element;
            count++;
        }

        @Override
        public void oversized(Element head, int wireBytes) {
            count++;
        }

        @Override
        public void streamClosed() {
            closed = true;
        }
    }
}
