package io.xmppgateway.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * Inbound, end to end: real XMPP senders (Smack, one account each) → the XMPP server → the gateway (the packaged
 * jar, a separate process) → its webhook → a receiver that answers 204 at once; and first, on the same server start,
 * the same senders → the same server → a plain client (Smack) logged in as the gateway's account: the reference.
 * Each message carries its send time; latency is send → the webhook's POST arrived, or send → the client read the
 * message. Prints, for each round and as the median of the rounds: delivered per second, latency p50 / p99 / p99.9,
 * and CPU time per message of the gateway, the server and the load (senders + receiver, this process).
 *
 * <p>{@code ./mvnw -Pbench package -DskipTests exec:exec@inbound-bench
 * -Dinbound.args="--server prosody --nagle on --senders 4 --rate 1000 --messages 10000 --rounds 3"}: {@code --server
 * ejabberd} runs against the test ejabberd; {@code --nagle off} starts Prosody with {@code network_settings = {
 * nagle = false }} instead of its defaults; {@code --rate 0} lets each sender go as fast as it can; {@code --app
 * split-writes} puts behind the webhook an app server that writes like Python's {@code http.server} (Nagle on, an
 * answer's head and body apart) instead of a Vert.x one; {@code --reference-sm true} gives the
 * plain client XEP-0198 stream management, as the gateway has it; {@code --quick-ack false} turns the gateway's
 * {@code TCP_QUICKACK} off ({@code xmpp.quick-ack}, {@code gateway.webhook.quick-ack}). Loopback only, and every
 * loop is bounded by {@code --messages}.
 */
public final class InboundLatencyBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Bench.options(args);
        int senderCount = Integer.parseInt(options.getOrDefault("senders", "4"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "1000"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10000"));
        boolean ejabberd = options.getOrDefault("server", XmppServer.PROSODY).equals(XmppServer.EJABBERD);
        boolean nagle = !options.getOrDefault("nagle", "on").equals("off");
        XmppServer server = ejabberd ? Ejabberd.shared() : Prosody.startNew(nagle);
        String serverName = ejabberd ? "ejabberd" : nagle ? "Prosody (default settings)" : "Prosody (Nagle off)";

        List<String> accounts = Prosody.USERS.stream().filter(user -> !user.equals(Prosody.GATEWAY)).toList();
        if (senderCount < 1 || senderCount > accounts.size()) {
            throw new IllegalArgumentException("--senders 1 to " + accounts.size());
        }
        List<XMPPTCPConnection> senders = new ArrayList<>();
        for (String account : accounts.subList(0, senderCount)) {
            senders.add(SmackClients.connect(server, account));
        }
        Load load = new Load(senders, JidCreate.entityBareFrom(Prosody.jid(Prosody.GATEWAY)), rate);
        Arrivals arrivals = new Arrivals();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("server", server.pid());
        pids.put("load", ProcessHandle.current().pid());

        boolean referenceSm = options.getOrDefault("reference-sm", "false").equals("true");
        XMPPTCPConnection plain = SmackClients.connect(server, Prosody.GATEWAY, "reference", referenceSm);
        plain.addStanzaListener(stanza -> arrivals.arrived(((Message) stanza).getBody()),
                MessageWithBodiesFilter.INSTANCE);
        List<Round> reference = measure(load, arrivals, pids, warmup, messages, rounds);
        plain.disconnect();

        boolean splitWrites = options.getOrDefault("app", "vertx").equals("split-writes");
        WebhookApp app = splitWrites ? new SplitWritesApp(arrivals::arrived) : new VertxApp(arrivals::arrived);
        Map<String, String> config = new HashMap<>();
        config.put("gateway.webhook.url", "http://127.0.0.1:" + app.port());
        config.put("xmpp.quick-ack", options.getOrDefault("quick-ack", "true"));
        config.put("gateway.webhook.quick-ack", options.getOrDefault("quick-ack", "true"));
        config.put("quarkus.log.level", "WARN");
        GatewayProcess gateway = GatewayProcess.start("inbound-bench-gateway", server, config)
                .awaitReady(Duration.ofSeconds(60));
        List<Round> viaGateway;
        try {
            pids.put("gateway", gateway.pid());
            viaGateway = measure(load, arrivals, pids, warmup, messages, rounds);
        } finally {
            gateway.close();
        }

        System.out.printf("%n%d senders → %s → …, %s, %d messages a round; webhook app: %s; quick-ack %s%n",
                senderCount, serverName, rate > 0 ? "paced at " + rate + " messages/s in all"
                        : "each sender as fast as it can", messages,
                splitWrites ? "Nagle on, head and body written apart" : "Vert.x, 204 at once",
                config.get("xmpp.quick-ack"));
        Round.printHeader();
        reference.forEach(round -> round.print(referenceSm ? "a plain client, XEP-0198" : "a plain client (Smack)"));
        Round plainMedian = Round.median(reference);
        plainMedian.print("  median");
        viaGateway.forEach(round -> round.print("the gateway → webhook"));
        Round gatewayMedian = Round.median(viaGateway);
        gatewayMedian.print("  median");
        System.out.printf("gateway − plain client: p50 %+.2f ms, p99 %+.2f ms, p99.9 %+.2f ms; delivered/s %.2f×%n",
                gatewayMedian.p50 - plainMedian.p50, gatewayMedian.p99 - plainMedian.p99,
                gatewayMedian.p999 - plainMedian.p999, gatewayMedian.perSecond / plainMedian.perSecond);

        app.close();
        senders.forEach(XMPPTCPConnection::disconnect);
        server.stop();
        System.exit(0);
    }

    /** The app behind the webhook URL: it answers every POST at once and hands each message's body on. */
    private interface WebhookApp extends AutoCloseable {
        int port();

        @Override
        void close() throws Exception;
    }

    /** A Vert.x HTTP server (TCP_NODELAY): 204, one write. */
    private static final class VertxApp implements WebhookApp {
        private final Vertx vertx = Vertx.vertx();
        private final HttpServer server;

        VertxApp(Consumer<String> bodies) throws Exception {
            server = vertx.createHttpServer().requestHandler(request -> {
                request.setExpectMultipart(true);
                request.endHandler(end -> {
                    request.response().setStatusCode(204).end();
                    String body = request.getFormAttribute("body");
                    if (body != null) {
                        bodies.accept(body);
                    }
                });
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        @Override
        public int port() {
            return server.actualPort();
        }

        @Override
        public void close() {
            vertx.close();
        }
    }

    /**
     * An app server that writes the way Python's {@code http.server} does: Nagle's algorithm on (no
     * {@code TCP_NODELAY}), the answer's head and its body in two writes; a thread per connection.
     */
    private static final class SplitWritesApp implements WebhookApp {
        /** The {@code body} field's part header in the webhook's multipart/form-data; its value follows. */
        private static final String BODY_FIELD = "name=\"body\"\r\n";

        private final ServerSocket server;
        private final Consumer<String> bodies;

        SplitWritesApp(Consumer<String> bodies) throws IOException {
            this.bodies = bodies;
            server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        new Thread(() -> serve(socket)).start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve(Socket socket) {
            try (socket) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                for (int length = head(in); length >= 0; length = head(in)) {
                    byte[] form = new byte[length];
                    in.readFully(form);
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String fields = new String(form, StandardCharsets.UTF_8);
                    int body = fields.indexOf(BODY_FIELD);
                    if (body >= 0) {
                        int start = fields.indexOf("\r\n\r\n", body) + 4;
                        bodies.accept(fields.substring(start, fields.indexOf("\r\n--", start)));
                    }
                }
            } catch (IOException gone) {
                // the gateway closed the connection
            }
        }

        /** Reads a request's head; answers its Content-Length, or -1 at the end of the connection. */
        private static int head(DataInputStream in) throws IOException {
            int length = 0;
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c != '\n') {
                    line.append((char) c);
                    continue;
                }
                String header = line.toString().strip();
                line.setLength(0);
                if (header.isEmpty()) {
                    return length;
                }
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).strip());
                }
            }
            return -1;
        }

        @Override
        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A warm-up, then {@code rounds} rounds of {@code messages}, each with the CPU each process spent in it. */
    private static List<Round> measure(Load load, Arrivals arrivals, Map<String, Long> pids, int warmup, int messages,
            int rounds) throws Exception {
        arrivals.expect(warmup);
        load.send(warmup);
        arrivals.await();
        List<Round> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Bench.Usage before = Bench.Usage.of(pids);
            arrivals.expect(messages);
            long start = System.nanoTime();
            load.send(messages);
            long[] latencies = arrivals.await();
            double seconds = (arrivals.last - start) / 1e9;
            Map<String, Double> cpu = new LinkedHashMap<>();
            before.since().ticks().forEach((process, ticks) ->
                    cpu.put(process, Bench.ticksToMicros(ticks) / messages));
            measured.add(new Round(latencies.length / seconds, Bench.percentile(latencies, 0.50) / 1e6,
                    Bench.percentile(latencies, 0.99) / 1e6, Bench.percentile(latencies, 0.999) / 1e6,
                    cpu.getOrDefault("gateway", Double.NaN), cpu.get("server"), cpu.get("load")));
        }
        return measured;
    }

    /**
     * The senders: message {@code i} goes from sender {@code i mod n} at {@code start + i / rate}, or, with no rate,
     * each sender sends its share as fast as Smack takes it. Each body is the send time ({@link System#nanoTime()}).
     */
    private record Load(List<XMPPTCPConnection> senders, EntityBareJid to, double rate) {

        void send(int messages) throws Exception {
            if (rate > 0) {
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    sendOne(senders.get(i % senders.size()));
                }
                return;
            }
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                XMPPTCPConnection sender = senders.get(s);
                int share = messages / senders.size() + (s < messages % senders.size() ? 1 : 0);
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < share; i++) {
                            sendOne(sender);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void sendOne(XMPPTCPConnection sender) throws Exception {
            sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody(Long.toString(System.nanoTime())).build());
        }
    }

    /** What arrived of the messages expected, each one's latency, and when the last came. */
    private static final class Arrivals {
        private long[] latencies = new long[0];
        private final AtomicInteger count = new AtomicInteger();
        private volatile long last;

        void expect(int messages) {
            latencies = new long[messages];
            count.set(0);
        }

        void arrived(String body) {
            long now = System.nanoTime();
            int i = count.getAndIncrement();
            if (i < latencies.length) {
                latencies[i] = now - Long.parseLong(body);
                last = now;
            }
        }

        /** Waits up to two minutes for every expected message; the latencies of those that came, sorted. */
        long[] await() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (count.get() < latencies.length && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            int arrived = Math.min(count.get(), latencies.length);
            if (arrived < latencies.length) {
                System.out.printf("only %d of %d messages arrived%n", arrived, latencies.length);
            }
            long[] sorted = Arrays.copyOf(latencies, arrived);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** One round's figures: latencies in milliseconds, CPU in microseconds per message. */
    private record Round(double perSecond, double p50, double p99, double p999, double gatewayCpu, double serverCpu,
            double loadCpu) {

        static void printHeader() {
            System.out.printf("%-24s %11s %8s %8s %8s   %s%n", "", "delivered/s", "p50 ms", "p99 ms", "p99.9 ms",
                    "CPU µs/message: gateway  server  load");
        }

        void print(String label) {
            System.out.printf("%-24s %11.0f %8.2f %8.2f %8.2f   %22s %7.1f %5.1f%n", label, perSecond, p50, p99, p999,
                    Double.isNaN(gatewayCpu) ? "–" : String.format("%.1f", gatewayCpu), serverCpu, loadCpu);
        }

        /** Each figure's median over the rounds. */
        static Round median(List<Round> rounds) {
            return new Round(Bench.median(rounds, Round::perSecond), Bench.median(rounds, Round::p50),
                    Bench.median(rounds, Round::p99), Bench.median(rounds, Round::p999),
                    Bench.median(rounds, Round::gatewayCpu), Bench.median(rounds, Round::serverCpu),
                    Bench.median(rounds, Round::loadCpu));
        }
    }
}
