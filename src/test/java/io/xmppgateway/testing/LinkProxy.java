package io.xmppgateway.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

/**
 * A loopback TCP link to the test server that a test can slow down or cut. Slowed, it reads from the client at
 * most so many bytes a second — what a server's read throttling (Prosody's {@code mod_limits}) does — so the client's
 * socket buffers fill and its writes wait. Its current connections can be cut three ways — silently (they forward
 * nothing either way and stay open, like a network that drops packets), with a FIN on both sides, or with an RST —
 * and new connections forward normally.
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

    /** Closes the connections open now, the client's and the server's side alike (FIN). */
    public void closeCurrentConnections() {
        live.forEach(NetSocket::close);
        live.clear();
    }

    /** Resets the connections open now (RST to the client, FIN to the server). */
    public void resetCurrentConnections() {
        for (NetSocket client : live) {
            ((NetSocketInternal) client).channelHandlerContext().channel().config()
                    .setOption(ChannelOption.SO_LINGER, 0);
            client.close();
        }
        live.clear();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
