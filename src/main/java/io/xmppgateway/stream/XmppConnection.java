package io.xmppgateway.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.jboss.logging.Logger;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Stanza;
import io.xmppgateway.stanza.StreamDecoder;
import io.xmppgateway.stanza.StreamErrorCondition;
import io.xmppgateway.stanza.StreamErrorException;
import io.xmppgateway.stanza.XmlWriter;

/**
 * One TCP connection to the server and the XML stream on it: writes the stream header and elements, decodes what
 * arrives, and hands it on — element by element through {@link #next()} while the stream is being negotiated,
 * then to a {@link Receiver} once the session is up. Once it is, what one event-loop turn writes goes out together
 * — one TLS record, one system call — instead of a write per stanza. Lives on its verticle's event loop; not
 * thread-safe.
 *
 * <p>The stream is a client's ({@link #openStream}, {@code jabber:client}, RFC 6120) or a component's
 * ({@link #openComponentStream}, {@code jabber:component:accept}, XEP-0114). Either way stanzas are written
 * without a namespace of their own, so they are in the stream's, and stanzas read are in the model's
 * {@code jabber:client} (see {@link StreamDecoder}).
 */
final class XmppConnection implements StreamDecoder.Listener {

    private static final Logger LOG = Logger.getLogger(XmppConnection.class);

    /** Elements the server may send before the negotiation reads them; more is a misbehaving server. */
    private static final int MAX_UNREAD = 32;

    /** Receives the stream's traffic once negotiation is over. */
    interface Receiver {
        void element(Element element, int wireBytes);

        /**
         * A stanza read while negotiating, before stream management was enabled: the server does not count it
         * (XEP-0198 §4), so neither may the gateway's {@code h}.
         */
        void uncounted(Element element, int wireBytes);

        void oversized(Element head, int wireBytes);
    }

    private final Context context;
    private final NetSocket socket;
    private final String domain;
    private final DecoderLimits limits;
    private final Promise<Void> closed = Promise.promise();
    private final Deque<Received> unread = new ArrayDeque<>();

    /** An element read while negotiating that no step has taken yet. */
    private record Received(Element element, int wireBytes, boolean counted) {
    }

    private StreamDecoder decoder;
    private String from;
    private Promise<Element> waiting;
    private Promise<Element> header;
    private Receiver receiver;
    private Throwable failure;
    private StreamErrorException serverError;
    private Runnable beforeFlush;
    private Buffer batch;
    private Promise<Void> batchWritten;

    XmppConnection(Context context, NetSocket socket, String domain, DecoderLimits limits) {
        this.context = context;
        this.socket = socket;
        this.domain = domain;
        this.limits = limits;
        socket.handler(this::received);
        socket.exceptionHandler(this::fail);
        socket.closeHandler(v -> fail(new ConnectionClosedException("the server closed the connection")));
    }

    /** The domain the stream is addressed to: the server's, or for a component stream the component's. */
    String domain() {
        return domain;
    }

    /** Stops reading from the server: what it sends waits in its buffers and in TCP's. */
    void pauseReading() {
        socket.pause();
    }

    void resumeReading() {
        socket.resume();
    }

    /** Whether the socket is TLS-protected (after STARTTLS, or from the start in direct TLS). */
    boolean isSecure() {
        return socket.isSsl();
    }

    /** The negotiated TLS protocol, e.g. {@code TLSv1.3}. */
    Optional<String> tlsProtocol() {
        return socket.isSsl() ? Optional.ofNullable(socket.sslSession()).map(SSLSession::getProtocol)
                : Optional.empty();
    }

    /** Completes when the connection is gone; the cause, if any, is in {@link #failure()}. */
    Future<Void> closed() {
        return closed.future();
    }

    Throwable failure() {
        return failure;
    }

    /** The {@code <stream:error/>} the server ended the stream with, if it did. */
    Optional<StreamErrorException> serverError() {
        return Optional.ofNullable(serverError);
    }

    /**
     * Opens a new client stream on this connection (first, and after TLS and SASL succeed — RFC 6120 §4.3.3) and
     * answers the server's {@code <stream:features/>}.
     */
    Future<Element> openStream(String fromJid) {
        this.from = fromJid;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("to", domain);
        if (fromJid != null) {
            attributes.put("from", fromJid);
        }
        attributes.put("version", "1.0");
        attributes.put("xml:lang", "en");
        return open(Stanza.CLIENT_NAMESPACE, attributes).compose(serverHeader -> {
            if (!"1.0".equals(serverHeader.attribute("version"))) {
                return Future.failedFuture(new StreamErrorException(StreamErrorCondition.UNSUPPORTED_VERSION,
                        "the server speaks stream version " + serverHeader.attribute("version")));
            }
            return next();
        }).compose(features -> features.is("features", StreamDecoder.STREAM_NAMESPACE)
                ? Future.succeededFuture(features)
                : Future.failedFuture(new StreamErrorException(StreamErrorCondition.BAD_FORMAT,
                        "expected <stream:features/>, got <" + features.name() + "/>")));
    }

    /**
     * Opens a component stream to the component's domain (XEP-0114 §3) and answers the server's stream header, whose
     * {@code id} the {@link ComponentHandshake} needs. Such a stream has no version and no features: it is the
     * pre-RFC 6120 stream that component protocol still uses. A server that answers in another namespace is not
     * speaking that protocol.
     */
    Future<Element> openComponentStream() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("to", domain);
        return open(Stanza.COMPONENT_NAMESPACE, attributes).compose(serverHeader ->
                Stanza.COMPONENT_NAMESPACE.equals(serverHeader.attribute("xmlns"))
                        ? Future.succeededFuture(serverHeader)
                        : Future.failedFuture(new StreamErrorException(StreamErrorCondition.INVALID_NAMESPACE,
                                "the server answered the component stream in namespace '"
                                        + serverHeader.attribute("xmlns") + "'; is this its component port?")));
    }

    /** Writes the header of a stream in {@code contentNamespace} and answers the server's header. */
    private Future<Element> open(String contentNamespace, Map<String, String> attributes) {
        decoder = new StreamDecoder(limits, this, contentNamespace);
        unread.clear();
        header = Promise.promise();
        attributes.put("xmlns", contentNamespace);
        attributes.put("xmlns:stream", StreamDecoder.STREAM_NAMESPACE);
        StringBuilder open = new StringBuilder("<?xml version='1.0'?>");
        XmlWriter.appendOpenTag(open, "stream:stream", attributes);
        Future<Element> opened = header.future();
        write(open.toString());
        return opened;
    }

    /** Restarts the stream on the same connection, e.g. after SASL success. */
    Future<Element> restartStream() {
        return openStream(from);
    }

    /** Secures the connection (after {@code <proceed/>}); the certificate must be valid for the XMPP domain. */
    Future<Void> upgradeToTls() {
        return socket.upgradeToSsl(domain);
    }

    /**
     * The next top-level element while negotiating that can answer a negotiation step. A stanza that cannot — a
     * message, a presence, an IQ request, which a server may send as soon as the resource is bound — is kept for
     * the receiver instead, in order.
     */
    Future<Element> next() {
        for (var it = unread.iterator(); it.hasNext(); ) {
            Element element = it.next().element();
            if (!arrivesUnasked(element)) {
                it.remove();
                return Future.succeededFuture(element);
            }
        }
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        waiting = Promise.promise();
        return waiting.future();
    }

    /** Announces an answer that may be large (the roster): see {@link StreamDecoder#expectLarge}. */
    void expectLarge(String id, String from, long maxBytes) {
        decoder.expectLarge(id, from, maxBytes);
    }

    /** How many items the last large answer held. */
    int largeItems() {
        return decoder.largeItems();
    }

    /**
     * Stream management was just enabled: what was read before is outside the count the server keeps from now on.
     */
    void countFromHere() {
        for (int i = unread.size(); i > 0; i--) {
            Received received = unread.poll();
            unread.add(new Received(received.element(), received.wireBytes(), false));
        }
    }

    /**
     * Ends negotiation: from now on everything received goes to {@code receiver}, and writes are batched per
     * event-loop turn; {@code beforeFlush} runs just before a batch goes out and may add to it (an ack request).
     */
    void receiveWith(Receiver receiver, Runnable beforeFlush) {
        this.receiver = receiver;
        this.beforeFlush = beforeFlush;
        while (!unread.isEmpty()) {
            Received early = unread.poll();
            if (early.counted()) {
                receiver.element(early.element(), early.wireBytes());
            } else {
                receiver.uncounted(early.element(), early.wireBytes());
            }
        }
    }

    Future<Void> write(Element element) {
        return write(XmlWriter.write(element, Stanza.CLIENT_NAMESPACE));
    }

    /** Writes an element that holds a credential: the trace log shows only its name. */
    Future<Void> writeSecret(Element element) {
        return write(XmlWriter.write(element, Stanza.CLIENT_NAMESPACE), "<" + element.name() + ">(not logged)");
    }

    Future<Void> write(String xml) {
        return write(xml, xml);
    }

    private Future<Void> write(String xml, String traced) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (LOG.isTraceEnabled()) {
            LOG.tracef("SENT %s", traced);
        }
        if (receiver == null) {
            return socket.write(Buffer.buffer(xml)); // negotiating: each step waits for the server's answer anyway
        }
        if (batch == null) {
            batch = Buffer.buffer();
            batchWritten = Promise.promise();
            context.runOnContext(v -> flush());
        }
        batch.appendString(xml);
        return batchWritten.future();
    }

    /** Writes the batch: after everything the current event-loop turn (and the tasks queued by then) wrote. */
    private void flush() {
        if (batch == null) {
            return;
        }
        beforeFlush.run();
        Buffer out = batch;
        Promise<Void> written = batchWritten;
        batch = null;
        batchWritten = null;
        socket.write(out).onComplete(written);
    }

    /**
     * Closes the stream cleanly ({@code </stream:stream>}, RFC 6120 §4.4) and then the socket: completes once the
     * socket is closed (at once if the stream was over already).
     */
    Future<Void> close() {
        if (failure != null) {
            return Future.succeededFuture();
        }
        flush();
        fail(new ConnectionClosedException("closed by the gateway"));
        return socket.write(Buffer.buffer("</stream:stream>")).eventually(v -> socket.close());
    }

    /** Sends a stream error and closes (RFC 6120 §4.9.1). */
    void closeWithError(StreamErrorException error) {
        if (failure == null) {
            fail(error);
            Element.Builder streamError = Element.builder("error", StreamDecoder.STREAM_NAMESPACE)
                    .child(Element.empty(error.condition().wireName(), StreamErrorCondition.NAMESPACE));
            if (error.text() != null) {
                streamError.child(Element.builder("text", StreamErrorCondition.NAMESPACE).text(error.text()).build());
            }
            String xml = XmlWriter.write(streamError.build(), Stanza.CLIENT_NAMESPACE) + "</stream:stream>";
            socket.write(Buffer.buffer(xml)).eventually(v -> socket.close());
        }
    }

    private void received(Buffer buffer) {
        if (failure != null) {
            return; // the stream is over; what the server still sends is not read
        }
        if (LOG.isTraceEnabled()) {
            LOG.tracef("RECV %s", buffer);
        }
        try {
            decoder.feed(buffer.getBytes());
        } catch (StreamErrorException e) {
            LOG.warnf("Closing the stream: the server sent %s", e.getMessage());
            closeWithError(e);
        } catch (RuntimeException e) {
            // A bug of ours must cost one connection, never the process or a silent, wedged stream.
            LOG.error("Closing the stream: decoding what the server sent failed", e);
            closeWithError(new StreamErrorException(StreamErrorCondition.UNDEFINED_CONDITION, null));
        }
    }

    @Override
    public void streamOpened(Element serverHeader) {
        if (header != null) {
            Promise<Element> opened = header;
            header = null;
            opened.complete(serverHeader);
        }
    }

    @Override
    public void element(Element element, int wireBytes) {
        if (element.is("error", StreamDecoder.STREAM_NAMESPACE)) {
            StreamErrorException error = StreamErrors.fromElement(element);
            serverError = error;
            fail(error);
            socket.write(Buffer.buffer("</stream:stream>")).eventually(v -> socket.close());
            return;
        }
        if (receiver != null) {
            receiver.element(element, wireBytes);
        } else if (waiting != null && !arrivesUnasked(element)) {
            Promise<Element> reader = waiting;
            waiting = null;
            reader.complete(element);
        } else if (unread.size() < MAX_UNREAD) {
            unread.add(new Received(element, wireBytes, true));
        } else {
            closeWithError(new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION,
                    "too many elements during stream negotiation"));
        }
    }

    /** A stanza the server sends of its own accord, never the answer to a negotiation step. */
    private static boolean arrivesUnasked(Element element) {
        return switch (element.name()) {
            case "message", "presence" -> Stanza.CLIENT_NAMESPACE.equals(element.namespace());
            case "iq" -> Stanza.CLIENT_NAMESPACE.equals(element.namespace())
                    && ("get".equals(element.attribute("type")) || "set".equals(element.attribute("type")));
            default -> false;
        };
    }

    @Override
    public void oversized(Element head, int wireBytes) {
        if (receiver != null) {
            receiver.oversized(head, wireBytes);
        } else {
            closeWithError(new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION,
                    "a " + wireBytes + "-byte element during stream negotiation"));
        }
    }

    @Override
    public void streamClosed() {
        fail(new ConnectionClosedException("the server closed the stream"));
        socket.write(Buffer.buffer("</stream:stream>")).eventually(v -> socket.close());
    }

    private void fail(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        if (batch != null) {
            // Never written: the stanzas are still unacknowledged, and go out again after a resume or reconnect.
            batch = null;
            batchWritten.fail(cause);
        }
        if (waiting != null) {
            Promise<Element> reader = waiting;
            waiting = null;
            reader.fail(cause);
        }
        if (header != null) {
            Promise<Element> opened = header;
            header = null;
            opened.fail(cause);
        }
        closed.tryComplete();
    }
}
