package io.xmppgateway.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * A scripted XMPP server over direct TLS for misbehaviour a real server never shows: it negotiates (PLAIN, bind,
 * XEP-0198 enable; a resumption always fails) like a server would, then does whatever {@code misbehave} says for
 * that connection once the client's initial presence arrives. It records everything each connection sent.
 */
public final class FakeXmppServer implements AutoCloseable {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='localhost' version='1.0'>";

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    private final List<StringBuilder> connections = new CopyOnWriteArrayList<>();
    private final List<Long> connectedAt = new CopyOnWriteArrayList<>();
    private final String afterBind;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();

    /** @param misbehave what the server writes on the first connection once the session is up */
    public FakeXmppServer(Prosody certificates, String misbehave) throws Exception {
        this(certificates, connection -> connection == 1 ? misbehave : null);
    }

    /**
     * @param misbehave what the server writes on each connection (numbered from 1) once the session is up, or null
     *                  to behave
     */
    public FakeXmppServer(Prosody certificates, IntFunction<String> misbehave) throws Exception {
        this(certificates, misbehave, "");
    }

    /**
     * @param misbehave    as above
     * @param afterBind  what the server writes in the same packet as the bind result, before the client asks for
     *                   stream management (e.g. a stanza)
     */
    public FakeXmppServer(Prosody certificates, IntFunction<String> misbehave, String afterBind) throws Exception {
        this.afterBind = afterBind;
        NetServerOptions options = new NetServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(certificates.certificate().toString())
                .setKeyPath(certificates.certificate().resolveSibling("localhost.key").toString()));
        server = vertx.createNetServer(options).connectHandler(socket -> {
            StringBuilder received = new StringBuilder();
            connectedAt.add(System.nanoTime());
            connections.add(received);
            open.add(socket);
            socket.closeHandler(v -> open.remove(socket));
            String script = misbehave.apply(connections.size());
            int[] step = {0};
            int[] position = {0};
            socket.handler(data -> {
                received.append(data.toString());
                while (advance(socket, received, step, position, script)) {
                    // keep going while the script can move on
                }
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The script: what to wait for at each step, and what to answer. */
    private boolean advance(NetSocket socket, StringBuilder in, int[] step, int[] position, String misbehave) {
        String[] waitFor = {"<stream:stream", "<auth", "<stream:stream", "<bind", "<enable", "<presence"};
        if (step[0] >= waitFor.length) {
            return false;
        }
        int resume = in.indexOf("<resume", position[0]);
        if (step[0] == 3 && resume >= 0) {
            // This server keeps no sessions: a resumption fails, and the client binds a new one.
            position[0] = resume + "<resume".length();
            socket.write(Buffer.buffer("<failed xmlns='urn:xmpp:sm:3'><item-not-found "
                    + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>"));
            return true;
        }
        int at = in.indexOf(waitFor[step[0]], position[0]);
        if (at < 0) {
            return false;
        }
        position[0] = at + waitFor[step[0]].length();
        String answer = switch (step[0]) {
            case 0 -> HEADER + "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";
            case 1 -> "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
            case 2 -> HEADER + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                    + "<sm xmlns='urn:xmpp:sm:3'/></stream:features>";
            case 3 -> "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<jid>gateway@localhost/bot</jid></bind></iq>" + afterBind;
            case 4 -> "<enabled xmlns='urn:xmpp:sm:3' id='fake-session' resume='true'/>";
            default -> misbehave;
        };
        step[0]++;
        if (answer != null) {
            socket.write(Buffer.buffer(answer));
        }
        return true;
    }

    public int port() {
        return server.actualPort();
    }

    /** The gateway's configuration to talk to this server (direct TLS, quick reconnects). */
    public java.util.Map<String, String> gatewayConfig() {
        return java.util.Map.of(
                "xmpp.host", "127.0.0.1",
                "xmpp.port", Integer.toString(port()),
                "xmpp.tls", "direct",
                "xmpp.reconnect.initial-delay", "50ms");
    }

    /** Writes {@code xml} on the connections open now. */
    public void send(String xml) {
        open.forEach(socket -> socket.write(Buffer.buffer(xml)));
    }

    /** Closes the connections open now, without a stream error or the end of the stream. */
    public void closeConnections() {
        open.forEach(NetSocket::close);
    }

    /** When each connection was accepted ({@link System#nanoTime()}), in order. */
    public List<Long> connectedAt() {
        return List.copyOf(connectedAt);
    }

    /** What each connection received from the client, in order of connection. */
    public List<String> received() {
        return connections.stream().map(StringBuilder::toString).toList();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
