package io.xmppgateway.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A loopback TCP link to the test server that a test can slow down or cut. Slowed, it reads from the client at
 * most so many bytes a second — what a server's read throttling (Prosody's {@code mod_limits}) does — so the client's
 * socket buffers fill and its writes wait. Cut, its current connections forward nothing either way and stay open,
 * like a network that silently drops packets, with no FIN or RST; new connections forward normally.
 */
public final class LinkProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    private final Set<NetSocket> cut = ConcurrentHashMap.newKeySet();
    private final Set<NetSocket> live = ConcurrentHashMap.newKeySet();

    /** A link forwarding at full speed. */
    public LinkProxy(int targetPort) throws Exception {
        this(targetPort, 0);
    }

    /** @param clientBytesPerSecond how fast it reads what the client sends, or 0 for as fast as it comes */
    public LinkProxy(int targetPort, int clientBytesPerSecond) throws Exception {
        server = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(targetPort, "127.0.0.1").onSuccess(upstream -> {
                live.add(client);
                client.handler(data -> {
                    if (!cut.contains(client)) {
                        upstream.write(data);
                    }
                    if (clientBytesPerSecond > 0) {
                        client.pause();
                        long millis = Math.max(1, 1000L * data.length() / clientBytesPerSecond);
                        vertx.setTimer(millis, t -> client.resume());
                    }
                });
                upstream.handler(data -> {
                    if (!cut.contains(client)) {
                        client.write(data);
                    }
                });
                client.closeHandler(v -> upstream.close());
                upstream.closeHandler(v -> client.close());
                client.resume();
            }).onFailure(e -> client.close());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** From now on the connections open now forward nothing, and stay open. */
    public void cutCurrentConnections() {
        cut.addAll(live);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
