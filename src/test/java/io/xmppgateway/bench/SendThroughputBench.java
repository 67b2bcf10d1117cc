package io.xmppgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.xmppgateway.bench.HttpLoad.Endpoint;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Ejabberd;
import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * End to end: HTTP {@code POST /v1/messages} → gateway (a separate process, the packaged jar) → the XMPP server →
 * an independent receiving client (Smack). Prints messages delivered per second as counted by the receiver, latency
 * from HTTP request to receipt, and CPU time per delivered message of the gateway and of the server.
 *
 * <p>{@code ./mvnw -Pbench package -DskipTests exec:exec@send-bench -Dsend.args="--clients 32 --messages 20000"};
 * {@code --server ejabberd} runs against the test ejabberd instead of Prosody, and then, with the same receiver and
 * load, against ejabberd's own HTTP API ({@code mod_http_api}'s {@code send_message}), which answers once the
 * message is routed; {@code --rate N} paces the senders to N messages/s in total instead of running a closed loop, and
 * then, as the reference, one Smack client sends to the same receiver through the same server at that rate, in
 * {@code --rounds} rounds (3) alternating with the gateway's, their medians compared;
 * {@code --nagle off} starts Prosody with Nagle's algorithm off instead of its default settings;
 * {@code --send-ack written} measures fire-and-forget instead of acknowledged sends (XEP-0198); {@code --store}
 * {@code memory} (default), {@code redis} or {@code both} picks the gateway's shared store ({@link BenchStore}: every
 * call waits for its quota step), {@code both} measuring a fresh gateway on each — memory, Redis, memory again —
 * against the same server and receiver, and printing them side by side against the targets (Redis against
 * the mean of the memory runs around it: what drifts over the run weighs on both sides); the environment
 * variable {@code GATEWAY_JAVA_OPTS} passes JVM options to the gateway, and {@code BENCH_ON_MEASURE} is a shell
 * command run when the measured phase begins (e.g. to attach a profiler to the warmed-up gateway). Last, the same
 * load against {@link HttpFloorServer} prints what bare HTTP costs on this machine ({@code --floor false} skips it).
 * Loopback only, and every loop is bounded by {@code --messages}. {@code --transport component} runs
 * {@link ComponentSendBench} instead: the gateway as an external component against slixmpp's.
 */
public final class SendThroughputBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Bench.options(args);
        if (options.getOrDefault("transport", "client").equals("component")) {
            ComponentSendBench.run(options);
            System.exit(0);
        }
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "100000"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));

        XmppServer server = startServer(options);
        String sendAck = options.getOrDefault("send-ack", "server");
        try {
            XMPPTCPConnection receiver = SmackClients.connect(server, "bob");
            Receiver received = new Receiver();
            receiver.addStanzaListener(stanza -> received.accept((Message) stanza), MessageWithBodiesFilter.INSTANCE);

            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            String serverName = serverName(server, options);
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put(serverName, server.pid());
            pids.put("load + receiver", ProcessHandle.current().pid());
            Map<String, List<Measured>> byStore = new LinkedHashMap<>();
            boolean compared = false;
            for (BenchStore store : BenchStore.named(options.getOrDefault("store", BenchStore.MEMORY), vertx)) {
                // A fresh gateway per store, against the same server and receiver, under the same load.
                try (GatewayProcess gateway = GatewayProcess.start("send-bench-gateway-" + store.name(), server,
                        gatewayConfig(sendAck, store)).awaitReady(Duration.ofSeconds(60))) {
                    Map<String, Long> measuredPids = new LinkedHashMap<>(Map.of("gateway", gateway.pid()));
                    measuredPids.putAll(pids);
                    store.addProcess(measuredPids);
                    HttpClient http = HttpLoad.client(vertx, gateway.port(), clients);
                    Measured measured = HttpLoad.measure(http, GATEWAY_SEND, clients, warmup, messages, rate,
                            received, measuredPids, () -> {
                                onMeasure(gateway.pid());
                                store.mark();
                            });
                    System.out.printf("%n%s → gateway → %s, %s, %d HTTP clients, %d messages, gateway.send-ack=%s, "
                            + "gateway.store=%s%n", GATEWAY_SEND.path(), serverName,
                            rate > 0 ? "paced at " + rate + "/s" : "closed loop", clients, messages, sendAck,
                            store.name());
                    measured.print(messages);
                    System.out.printf("store round trips    %s%n", store.roundTrips(messages));
                    byStore.computeIfAbsent(store.name(), name -> new ArrayList<>()).add(measured);
                    if (rate > 0 && !compared) {
                        compared = true;
                        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
                        againstClientToClient(server, serverName, rounds, measured, () -> HttpLoad.measure(http,
                                GATEWAY_SEND, clients, 0, messages, rate, received, measuredPids, () -> { }),
                                warmup, messages, rate, received, pids);
                    }
                }
            }
            Measured measured = byStore.values().iterator().next().get(0);
            if (byStore.size() == 2) {
                compareStores(byStore.get(BenchStore.MEMORY), byStore.get(BenchStore.REDIS).get(0));
            }

            if (server instanceof Ejabberd ejabberd) {
                URI api = ejabberd.api("send_message");
                HttpClient direct = HttpLoad.client(vertx, api.getPort(), clients);
                Measured reference = HttpLoad.measure(direct, ejabberdSend(api.getPath()), clients, warmup,
                        messages, rate, received, pids, () -> { });
                System.out.printf("%n%s, ejabberd's own HTTP API (mod_http_api), the same load and receiver; it "
                        + "answers once the message is routed, not acknowledged by the receiver%n", api.getPath());
                reference.print(messages);
                System.out.printf("gateway / mod_http_api delivered rate  %.2f×%n",
                        measured.deliveredPerSecond() / reference.deliveredPerSecond());
            }
            receiver.disconnect();
            if (!options.getOrDefault("floor", "true").equals("false")) {
                httpFloor(vertx, clients, warmup, messages, measured.deliveredPerSecond());
            }
            vertx.close();
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    /** {@code --server}: the test ejabberd, or a Prosody of its own ({@code --nagle off}: Nagle's algorithm off). */
    static XmppServer startServer(Map<String, String> options) {
        return options.getOrDefault("server", XmppServer.PROSODY).equals(XmppServer.EJABBERD)
                ? Ejabberd.shared() : Prosody.startNew(nagle(options));
    }

    /** The server as the figures name it. */
    static String serverName(XmppServer server, Map<String, String> options) {
        return server.name().equals(XmppServer.EJABBERD) ? "ejabberd"
                : nagle(options) ? "Prosody (default settings)" : "Prosody (Nagle off)";
    }

    private static boolean nagle(Map<String, String> options) {
        return !options.getOrDefault("nagle", "on").equals("off");
    }

    /** What the benchmark sets on top of the tests' gateway configuration. */
    static Map<String, String> gatewayConfig(String sendAck, BenchStore store) {
        Map<String, String> config = new LinkedHashMap<>(store.overrides());
        config.put("gateway.send-ack", sendAck);
        config.put("quarkus.log.level", "WARN");
        return config;
    }

    /**
     * The two stores side by side, and the targets: Redis may cut the delivered rate by at most 10 % and add
     * at most 10 µs of gateway CPU per message.
     */
    private static void compareStores(List<Measured> memory, Measured redis) {
        System.out.printf("%n%-14s %12s %24s %24s %19s %12s%n", "gateway.store", "delivered/s", "receipt p50 / p99",
                "HTTP answer p50 / p99", "gateway CPU µs/msg", "of which JIT");
        compareRow(BenchStore.MEMORY, memory.get(0));
        compareRow(BenchStore.REDIS, redis);
        memory.subList(1, memory.size()).forEach(again -> compareRow(BenchStore.MEMORY, again));
        double rate = redis.deliveredPerSecond() / mean(memory, Measured::deliveredPerSecond);
        double cpu = redis.microsPerMessage("gateway") - mean(memory, run -> run.microsPerMessage("gateway"));
        double jit = redis.jitMicrosPerMessage("gateway") - mean(memory, run -> run.jitMicrosPerMessage("gateway"));
        System.out.printf("Redis against the mean of the %d memory runs around it%n", memory.size());
        System.out.printf("redis/memory rate          %.3f (target ≥ 0.90: %s)%n", rate, met(rate >= 0.90));
        System.out.printf("redis−memory CPU µs/msg    %+.1f (target ≤ 10: %s); without the JIT compiler threads "
                + "%+.1f%n", cpu, met(cpu <= 10), cpu - jit);
    }

    private static double mean(List<Measured> runs, ToDoubleFunction<Measured> figure) {
        return runs.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static void compareRow(String store, Measured measured) {
        System.out.printf("%-14s %12.0f %15.2f / %5.2f ms %15.2f / %5.2f ms %19.1f %12.1f%n", store,
                measured.deliveredPerSecond(), Bench.percentile(measured.receipt(), 0.50) / 1e6,
                Bench.percentile(measured.receipt(), 0.99) / 1e6, Bench.percentile(measured.answered(), 0.50) / 1e6,
                Bench.percentile(measured.answered(), 0.99) / 1e6, measured.microsPerMessage("gateway"),
                measured.jitMicrosPerMessage("gateway"));
    }

    private static final Endpoint GATEWAY_SEND = new Endpoint("/v1/messages", "Bearer " + Api.KEY,
            (index, text) -> "{\"to\": \"" + Prosody.jid("bob") + "\", \"body\": \"" + text + "\"}");

    /** mod_http_api's {@code send_message} (mod_admin_extra): what an ejabberd admin would call instead of us. */
    private static Endpoint ejabberdSend(String path) {
        return new Endpoint(path, null, (index, text) -> "{\"type\": \"chat\", \"from\": \""
                + Prosody.jid(Prosody.GATEWAY) + "\", \"to\": \"" + Prosody.jid("bob")
                + "\", \"subject\": \"\", \"body\": \"" + text + "\"}");
    }

    /** One more measured round of the gateway, warmed up and running. */
    private interface GatewayRound {
        Measured measure() throws Exception;
    }

    /**
     * The reference for a paced run, measured the way the issue did: one Smack client sends to the same receiver
     * through the same server at the same rate — what the server itself costs between two of its clients — in
     * {@code rounds} rounds alternating with the gateway's on the same server start ({@code first} is the gateway's
     * round printed above), so that what else the shared machine does meanwhile weighs on both sides; then each
     * side's figures per round and their medians.
     */
    private static void againstClientToClient(XmppServer server, String serverName, int rounds, Measured first,
            GatewayRound gatewayRound, int warmup, int messages, double rate, Receiver received,
            Map<String, Long> pids) throws Exception {
        XMPPTCPConnection sender = SmackClients.connect(server, "alice");
        try {
            EntityBareJid to = JidCreate.entityBareFrom(Prosody.jid("bob"));
            received.reset();
            paced(sender, to, warmup, rate, "w");
            received.awaitCount(warmup, Duration.ofSeconds(60));
            List<Measured> viaGateway = new ArrayList<>(List.of(first));
            List<Measured> reference = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                if (round > 0) {
                    viaGateway.add(gatewayRound.measure());
                }
                received.reset();
                Bench.Usage before = Bench.Usage.of(pids);
                long start = System.nanoTime();
                paced(sender, to, messages, rate, "m");
                received.awaitCount(messages, Duration.ofSeconds(120));
                reference.add(Measured.since(received, start, before, new long[0]));
            }
            System.out.printf("%nthe same server's own client to client: Smack → %s → the same receiver, paced at "
                    + "%s/s (its first round)%n", serverName, rate);
            reference.get(0).print(messages);
            System.out.printf("%n%d rounds of %d at %s/s, alternating on the same server start: p50 / p99 / p99.9 "
                    + "ms, delivered%n", rounds, messages, rate);
            for (int round = 0; round < rounds; round++) {
                printRound("round " + (round + 1) + "  HTTP → gateway → " + serverName, viaGateway.get(round));
                printRound("round " + (round + 1) + "  Smack → " + serverName, reference.get(round));
            }
            double gatewayP99 = Bench.median(viaGateway, run -> Bench.percentile(run.receipt(), 0.99));
            double referenceP99 = Bench.median(reference, run -> Bench.percentile(run.receipt(), 0.99));
            System.out.printf("median p99: gateway %.2f ms, client to client %.2f ms%n", gatewayP99 / 1e6,
                    referenceP99 / 1e6);
            System.out.printf("gateway / client-to-client p99  %.2f× (medians of the rounds; target ≤ 2: %s)%n",
                    gatewayP99 / referenceP99, met(gatewayP99 <= 2 * referenceP99));
        } finally {
            sender.disconnect();
        }
    }

    private static void printRound(String label, Measured run) {
        System.out.printf("%-48s %6.2f / %6.2f / %6.2f  %d%n", label, Bench.percentile(run.receipt(), 0.50) / 1e6,
                Bench.percentile(run.receipt(), 0.99) / 1e6, Bench.percentile(run.receipt(), 0.999) / 1e6,
                run.delivered());
    }

    private static void paced(XMPPTCPConnection sender, EntityBareJid to, int messages, double rate, String tag)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sender.sendStanza(sender.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat)
                    .setBody(tag + ":" + System.nanoTime()).build());
        }
    }

    /**
     * The same load, at the rate the gateway delivered (warm-up included: a paced load runs other code than a closed
     * loop), against {@link HttpFloorServer}, a bare Vert.x HTTP server: what HTTP alone costs per request on this
     * machine, in CPU and in the answer's latency, the floor under the gateway's figures.
     */
    private static void httpFloor(Vertx vertx, int clients, int warmup, int messages, double rate) throws Exception {
        int port = Bench.freePort();
        Process server = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"),
                HttpFloorServer.class.getName(), Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            server.getInputStream().read(); // "listening"
            HttpClient http = HttpLoad.client(vertx, port, clients);
            HttpLoad.run(http, GATEWAY_SEND, clients, warmup, rate, "w");
            long before = Bench.cpuTicks(server.pid());
            long start = System.nanoTime();
            long[] answered = HttpLoad.run(http, GATEWAY_SEND, clients, messages, rate, "m");
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = Bench.cpuTicks(server.pid()) - before;
            System.out.printf("HTTP floor           %.1f µs per request at %.0f requests/s (a bare Vert.x server)%n",
                    Bench.ticksToMicros(cpu) / messages, messages / seconds);
            System.out.printf("HTTP floor answer p50 / p99 %.2f ms / %.2f ms (request to response, same load)%n",
                    Bench.percentile(answered, 0.50) / 1e6, Bench.percentile(answered, 0.99) / 1e6);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs the shell command in {@code BENCH_ON_MEASURE}, if set, as the measured phase begins, with the gateway's
     * pid in {@code GATEWAY_PID}: e.g. attach a profiler to the warmed-up gateway with {@code jcmd}.
     */
    private static void onMeasure(long gatewayPid) throws IOException, InterruptedException {
        String command = System.getenv("BENCH_ON_MEASURE");
        if (command == null || command.isBlank()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).inheritIO();
        builder.environment().put("GATEWAY_PID", Long.toString(gatewayPid));
        builder.start().waitFor(60, TimeUnit.SECONDS);
    }
}
