package io.xmppgateway.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A loopback TCP proxy in front of the test server that can cut its current connections without a FIN or RST: from
 * then on they forward nothing either way, like a network that silently drops packets. New connections forward
 * normally.
 */
public final class CuttableProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    private final Set<NetSocket> cut = ConcurrentHashMap.newKeySet();
    private final Set<NetSocket> live = ConcurrentHashMap.newKeySet();

    public CuttableProxy(int targetPort) throws Exception {
        server = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(targetPort, "127.0.0.1").onSuccess(upstream -> {
                live.add(client);
                client.handler(data -> {
                    if (!cut.contains(client)) {
                        upstream.write(data);
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
