package io.xmppgateway.stanza;

import java.io.CharConversionException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

/**
 * Turns the bytes of one XML stream, in chunks of any size, into its header and its complete top-level elements,
 * without ever blocking: a thin layer over Aalto's async parser. Depth 1 is the {@code <stream:stream>} header,
 * depth 2 a stanza (or a negotiation element).
 *
 * <p>Before anything else sees a stanza, this class enforces RFC 6120 §11: no DTD, comment, processing
 * instruction or entity reference other than the predefined ones ({@code restricted-xml}), UTF-8 only
 * ({@code unsupported-encoding}), plus the {@link DecoderLimits} ({@code policy-violation}). The parser is fed at
 * most {@link DecoderLimits#maxStanzaBytes()} of one unfinished element, so memory stays bounded whatever the peer
 * sends. A stanza over the app limit is reported by {@link Listener#oversized} with its attributes only.
 *
 * <p>One answer may be announced as large ({@link #expectLarge}): a roster of 100,000 contacts is one {@code <iq/>}
 * of megabytes. Only an {@code <iq/>} result or error with the announced (unguessable) id, from the account itself
 * or no one, is taken for it. While it is read, its own byte bound replaces the per-stanza ones, and only the
 * {@code <iq/>} and the head of its first child (the payload, e.g. the roster's {@code ver}) are kept; the payload's
 * children are counted and checked as they pass, everything else in it dropped, never held.
 *
 * <p>A stream's content namespace — its default namespace, {@code jabber:client} or, for a component,
 * {@code jabber:component:accept} (XEP-0114 §3) — is given when the decoder is made. A stanza in it (a
 * {@code <message/>}, {@code <presence/>} or {@code <iq/>}) and everything inside it in that namespace
 * ({@code <body/>}, {@code <error/>}…) is read in {@link Stanza#CLIENT_NAMESPACE}: the model has one kind of stanza,
 * whichever stream carried it. Other top-level elements (a component's {@code <handshake/>}) keep their namespace.
 *
 * <p>One decoder reads one stream: after STARTTLS or SASL success the stream restarts with a new decoder. Each
 * decoder has its own Aalto factory, whose name table would otherwise grow with every name any peer sends; within
 * the stream the table is bounded by {@link DecoderLimits#maxNames()}. Not thread-safe: a connection feeds it from
 * its own event loop.
 */
public final class StreamDecoder {

    /** The stream namespace of RFC 6120 §4.8.1. */
    public static final String STREAM_NAMESPACE = "http://etherx.jabber.org/streams";

    /** Receives what the decoder finds, in stream order. */
    public interface Listener {
        /** The opening {@code <stream:stream>}: its attributes, and its default namespace as {@code xmlns}. */
        void streamOpened(Element header);

        /** A complete top-level element and its size on the wire. */
        void element(Element element, int wireBytes);

        /** A top-level element over the app limit: its name, namespace and attributes, without children. */
        void oversized(Element head, int wireBytes);

        /** The closing {@code </stream:stream>}. */
        void streamClosed();
    }

    private static final int HEAD_BYTES = 12;

    private final DecoderLimits limits;
    private final Listener listener;
    private final String contentNamespace;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>(); // what the parser's name table holds, as prefix:local

    private long fed;                // bytes given to the parser so far
    private long boundary;           // where the unfinished top-level element (or gap) began
    private long stanzaStart;        // where the current stanza's start tag began
    private int stanzaElements;
    private boolean oversized;
    private boolean stanza;          // the top-level element is a stanza in the content namespace
    private int depth;
    private final byte[] head = new byte[HEAD_BYTES]; // first bytes after the last complete token, for diagnosis
    private int headLength;
    private long lastTokenEnd;
    private StreamErrorException failure;
    private String largeId;          // the id of the announced large answer, until it is read
    private String largeFrom;        // who may send it besides the server itself (no 'from')
    private long largeMaxBytes;
    private boolean large;           // the stanza being read is that answer
    private boolean largePayload;    // its payload's head is kept already
    private int skipping;            // the depth at which dropping began, while dropping
    private int largeItems;

    /** A decoder for a client stream ({@code jabber:client}). */
    public StreamDecoder(DecoderLimits limits, Listener listener) {
        this(limits, listener, Stanza.CLIENT_NAMESPACE);
    }

    /**
     * A decoder for a stream whose default namespace is {@code contentNamespace}: {@link Stanza#CLIENT_NAMESPACE}
     * or {@link Stanza#COMPONENT_NAMESPACE}. Its stanzas are read in {@link Stanza#CLIENT_NAMESPACE}.
     */
    public StreamDecoder(DecoderLimits limits, Listener listener, String contentNamespace) {
        this.limits = limits;
        this.listener = listener;
        this.contentNamespace = contentNamespace;
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        this.reader = factory.createAsyncForByteArray();
    }

    /**
     * Parses the next bytes of the stream. After the first failure every call throws the same error.
     *
     * @throws StreamErrorException the stream error to send before closing the stream
     */
    public void feed(byte[] data, int offset, int length) throws StreamErrorException {
        if (failure != null) {
            throw failure;
        }
        int position = offset;
        int end = offset + length;
        while (position < end) {
            long max = large ? largeMaxBytes : limits.maxStanzaBytes();
            long room = max - (fed - boundary);
            if (room <= 0) {
                throw fail(StreamErrorCondition.POLICY_VIOLATION, "element larger than " + max + " bytes");
            }
            int slice = (int) Math.min(end - position, room);
            feedSlice(data, position, slice);
            position += slice;
        }
    }

    /**
     * Announces that the {@code <iq/>} answer with this {@code id}, from {@code from} (the account's bare JID) or from
     * no one, may be up to {@code maxBytes} on the wire: it is read with that bound instead of the per-stanza limits,
     * keeping only the {@code <iq/>} and its payload's head.
     */
    public void expectLarge(String id, String from, long maxBytes) {
        largeId = id;
        largeFrom = from;
        largeMaxBytes = maxBytes;
    }

    /** How many children the last large answer's payload held (a roster's items). */
    public int largeItems() {
        return largeItems;
    }

    public void feed(byte[] data) throws StreamErrorException {
        feed(data, 0, data.length);
    }

    private void feedSlice(byte[] input, int inputOffset, int length) throws StreamErrorException {
        // Aalto counts byte offsets from the start of each array it is fed, so it is always fed from index 0.
        byte[] data = inputOffset == 0 ? input : Arrays.copyOfRange(input, inputOffset, inputOffset + length);
        int offset = 0;
        long sliceStart = fed;
        try {
            reader.getInputFeeder().feedInput(data, offset, length);
            fed += length;
            int event;
            while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
                handle(event);
                lastTokenEnd = reader.getLocationInfo().getEndingByteOffset();
                if (depth <= 1) {
                    boundary = lastTokenEnd;
                }
                if (failure != null) {
                    throw failure;
                }
            }
            rememberHead(data, offset, length, sliceStart);
        } catch (XMLStreamException e) {
            rememberHead(data, offset, length, sliceStart);
            throw fail(classify(e), e.getMessage());
        }
    }

    private void handle(int event) throws StreamErrorException, XMLStreamException {
        switch (event) {
            case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
            case XMLStreamConstants.START_ELEMENT -> startElement();
            case XMLStreamConstants.END_ELEMENT -> endElement();
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                checkSize(reader.getLocationInfo().getEndingByteOffset());
                if (depth >= 2 && !oversized && !large) {
                    open.peek().text.append(reader.getText());
                }
            }
            case XMLStreamConstants.COMMENT -> throw fail(StreamErrorCondition.RESTRICTED_XML, "comment");
            case XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    throw fail(StreamErrorCondition.RESTRICTED_XML, "processing instruction");
            case XMLStreamConstants.DTD -> throw fail(StreamErrorCondition.RESTRICTED_XML, "DTD");
            case XMLStreamConstants.ENTITY_REFERENCE ->
                    throw fail(StreamErrorCondition.RESTRICTED_XML, "entity reference &" + reader.getLocalName() + ";");
            case XMLStreamConstants.END_DOCUMENT -> {
            }
            default -> throw fail(StreamErrorCondition.RESTRICTED_XML, "XML event " + event);
        }
    }

    private void checkEncoding() throws StreamErrorException {
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw fail(StreamErrorCondition.UNSUPPORTED_ENCODING, "encoding " + encoding + ", only UTF-8 is allowed");
        }
    }

    private void startElement() throws StreamErrorException, XMLStreamException {
        depth++;
        if (depth > limits.maxDepth()) {
            throw fail(StreamErrorCondition.POLICY_VIOLATION, "elements nested deeper than " + limits.maxDepth());
        }
        String name = reader.getLocalName();
        int attributeCount = reader.getAttributeCount();
        int namespaceCount = reader.getNamespaceCount();
        if (attributeCount + namespaceCount > limits.maxAttributes()) {
            throw fail(StreamErrorCondition.POLICY_VIOLATION,
                    "more than " + limits.maxAttributes() + " attributes on <" + name + ">");
        }
        checkName(reader.getPrefix(), name);
        for (int i = 0; i < attributeCount; i++) {
            checkName(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
        }
        for (int i = 0; i < namespaceCount; i++) {
            String declared = reader.getNamespacePrefix(i); // xmlns='…' or xmlns:declared='…'
            if (declared == null || declared.isEmpty()) {
                checkName(null, "xmlns");
            } else {
                checkName("xmlns", declared);
            }
        }
        if (depth == 1) {
            openStream(name);
            return;
        }
        if (depth == 2) {
            stanzaStart = reader.getLocationInfo().getStartingByteOffset();
            stanzaElements = 0;
            oversized = false;
            stanza = isStanza(name, reader.getNamespaceURI());
            large = isAnnouncedAnswer(name);
            if (large) {
                largeId = null;
                largeItems = 0;
                largePayload = false;
            }
        }
        if (large && (skipping > 0 || depth > 3 || (depth == 3 && largePayload))) {
            // Checked above, never held: the payload's children are counted, anything else just dropped.
            if (skipping == 0) {
                skipping = depth;
                if (depth == 4) {
                    largeItems++;
                }
            }
            return;
        }
        if (large && depth == 3) {
            largePayload = true;
        }
        if (!large && ++stanzaElements > limits.maxElements()) {
            throw fail(StreamErrorCondition.POLICY_VIOLATION, "more than " + limits.maxElements() + " elements");
        }
        Element.Builder element = Element.builder(name, modelNamespace(reader.getNamespaceURI()));
        for (int i = 0; i < attributeCount; i++) {
            String value = reader.getAttributeValue(i);
            if (value.length() > limits.maxAttributeChars()) {
                throw fail(StreamErrorCondition.POLICY_VIOLATION,
                        "attribute value longer than " + limits.maxAttributeChars() + " characters");
            }
            String local = reader.getAttributeLocalName(i);
            String prefix = reader.getAttributePrefix(i);
            if (prefix == null || prefix.isEmpty()) {
                element.attribute(local, value);
            } else {
                element.attribute(prefix + ":" + local, value);
                if (!prefix.equals("xml")) {
                    element.attribute("xmlns:" + prefix, reader.getAttributeNamespace(i));
                }
            }
        }
        if (oversized) {
            return; // past the app limit only the top-level element's head is kept
        }
        if (!open.isEmpty()) {
            open.peek().flushText();
        }
        open.push(new Frame(element));
        checkSize(reader.getLocationInfo().getEndingByteOffset());
    }

    private void openStream(String name) throws StreamErrorException {
        if (!name.equals("stream") || !STREAM_NAMESPACE.equals(reader.getNamespaceURI())) {
            throw fail(StreamErrorCondition.INVALID_NAMESPACE, "expected <stream:stream>, got <" + name + ">");
        }
        Element.Builder header = Element.builder(name, STREAM_NAMESPACE);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = reader.getAttributePrefix(i);
            String local = reader.getAttributeLocalName(i);
            header.attribute(prefix == null || prefix.isEmpty() ? local : prefix + ":" + local,
                    reader.getAttributeValue(i));
        }
        String defaultNamespace = reader.getNamespaceContext().getNamespaceURI("");
        header.attribute("xmlns", defaultNamespace == null ? "" : defaultNamespace);
        listener.streamOpened(header.build());
    }

    private void endElement() throws StreamErrorException, XMLStreamException {
        if (depth == 1) {
            depth--;
            listener.streamClosed();
            return;
        }
        long end = reader.getLocationInfo().getEndingByteOffset();
        checkSize(end);
        depth--;
        if (skipping > 0) {
            if (depth < skipping) {
                skipping = 0;
            }
            return; // dropped as it passed
        }
        if (oversized) {
            if (depth == 1) {
                listener.oversized(open.pop().builder.clearChildren().build(), (int) (end - stanzaStart));
            }
            return;
        }
        Frame frame = open.pop();
        frame.flushText();
        if (depth == 1) {
            large = false;
            listener.element(frame.builder.build(), (int) (end - stanzaStart));
        } else {
            open.peek().builder.child(frame.builder.build());
        }
    }

    private boolean isStanza(String name, String namespace) {
        return contentNamespace.equals(namespace)
                && (name.equals(Message.ELEMENT) || name.equals(Presence.ELEMENT) || name.equals(Iq.ELEMENT));
    }

    /** Inside a stanza, the stream's content namespace is the model's: a component's stanzas are client ones. */
    private String modelNamespace(String namespace) {
        return stanza && contentNamespace.equals(namespace) ? Stanza.CLIENT_NAMESPACE : namespace;
    }

    private boolean isAnnouncedAnswer(String name) {
        String type = reader.getAttributeValue(null, "type");
        String from = reader.getAttributeValue(null, "from");
        return largeId != null && name.equals("iq") && largeId.equals(reader.getAttributeValue(null, "id"))
                && ("result".equals(type) || "error".equals(type)) && (from == null || from.equals(largeFrom));
    }

    /** Past the app limit, the children are dropped: only the top-level element's head is kept. */
    private void checkSize(long tokenEnd) {
        if (!oversized && !large && depth >= 2 && tokenEnd - stanzaStart > limits.appLimitBytes()) {
            oversized = true;
            while (open.size() > 1) {
                open.pop();
            }
        }
    }

    /** Holds a name to the length limit and, if the stream has not used it before, to the count of names. */
    private void checkName(String prefix, String local) throws StreamErrorException {
        String qualified = prefix == null || prefix.isEmpty() ? local : prefix + ':' + local;
        if (qualified.length() > limits.maxNameChars()) {
            throw fail(StreamErrorCondition.POLICY_VIOLATION, "name longer than " + limits.maxNameChars() + " characters");
        }
        if (names.add(qualified) && names.size() > limits.maxNames()) {
            throw fail(StreamErrorCondition.POLICY_VIOLATION,
                    "more than " + limits.maxNames() + " distinct names in one stream");
        }
    }

    /** Aalto rejects a DTD internal subset as bad syntax; XMPP calls it restricted XML, as it does bad UTF-8 encoding. */
    private StreamErrorCondition classify(XMLStreamException e) {
        if (e.getCause() instanceof CharConversionException
                || String.valueOf(e.getMessage()).contains("UTF-8")) {
            return StreamErrorCondition.UNSUPPORTED_ENCODING;
        }
        String token = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        if (token.contains("!DOCTYPE") || token.contains("<!ENTITY")) {
            return StreamErrorCondition.RESTRICTED_XML;
        }
        return StreamErrorCondition.NOT_WELL_FORMED;
    }

    /** Keeps the first bytes after the last complete token, which tell what the unfinished one is. */
    private void rememberHead(byte[] data, int offset, int length, long sliceStart) {
        if (lastTokenEnd >= sliceStart) {
            headLength = 0;
        }
        long from = Math.max(lastTokenEnd, sliceStart);
        for (long i = from; i < sliceStart + length && headLength < HEAD_BYTES; i++) {
            head[headLength++] = data[offset + (int) (i - sliceStart)];
        }
    }

    private StreamErrorException fail(StreamErrorCondition condition, String text) {
        if (failure == null) {
            failure = new StreamErrorException(condition, text);
            open.clear();
        }
        return failure;
    }

    /** An element being read, and its character data since its last child. */
    private static final class Frame {
        final Element.Builder builder;
        final StringBuilder text = new StringBuilder();

        Frame(Element.Builder builder) {
            this.builder = builder;
        }

        void flushText() {
            if (!text.isEmpty()) {
                builder.text(text.toString());
                text.setLength(0);
            }
        }
    }
}
