package io.xmppgateway.stream;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xmppgateway.stanza.DecoderLimits;
import io.xmppgateway.stanza.Element;
import io.xmppgateway.testing.EventLoop;
import io.xmppgateway.testing.XmppServer;

/**
 * The gateway's own stream layer connected to a test server as an external component (XEP-0114), driven from the
 * test's thread: {@link XmppConnection#openComponentStream()}, then {@link ComponentHandshake}, then every element
 * read goes to {@link #received}. The connection lives on an event loop of its own Vert.x, as in a session.
 */
final class ComponentStream implements AutoCloseable {

    /** Everything read after the handshake, in stream order. */
    final BlockingQueue<Element> received = new LinkedBlockingQueue<>();

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private XmppConnection connection;

    private ComponentStream() {
    }

    /**
     * Connects to {@code server}'s component port as {@code domain} and authenticates with {@code secret}.
     *
     * @throws ExecutionException what opening the stream or the handshake failed with, as its cause
     */
    static ComponentStream connect(XmppServer server, String domain, String secret) throws Exception {
        ComponentStream stream = new ComponentStream();
        try {
            stream.onContext(() -> stream.vertx.createNetClient().connect(server.componentPort(), "127.0.0.1")
                    .compose(socket -> {
                        stream.connection = new XmppConnection(stream.context, socket, domain,
                                DecoderLimits.defaults());
                        return stream.connection.openComponentStream();
                    })
                    .compose(header -> ComponentHandshake.authenticate(stream.connection, header, secret))
                    .onSuccess(v -> stream.connection.receiveWith(stream.new Collector(), () -> {
                    })));
            return stream;
        } catch (Exception e) {
            stream.close();
            throw e;
        }
    }

    /** Writes the elements in one event-loop turn (one batch, one TCP write) and waits until they are written. */
    void send(Element... elements) throws Exception {
        onContext(() -> {
            Future<Void> last = Future.succeededFuture();
            for (Element element : elements) {
                last = connection.write(element);
            }
            return last;
        });
    }

    /** The next element read, or {@code null} after {@code timeout}. */
    Element next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server has closed the stream, or the connection is gone. */
    boolean isClosed() throws Exception {
        return onContext(() -> Future.succeededFuture(connection == null || connection.closed().isComplete()));
    }

    @Override
    public void close() throws Exception {
        try {
            onContext(() -> {
                if (connection != null) {
                    connection.close();
                }
                return Future.succeededFuture();
            });
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private <T> T onContext(Supplier<Future<T>> action) throws Exception {
        return EventLoop.call(context, action);
    }

    private final class Collector implements XmppConnection.Receiver {
        @Override
        public void element(Element element, int wireBytes) {
            received.add(element);
        }

        @Override
        public void uncounted(Element element, int wireBytes) {
            received.add(element);
        }

        @Override
        public void oversized(Element head, int wireBytes) {
            received.add(head);
        }
    }
}
