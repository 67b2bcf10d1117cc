package io.xmppgateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.xmppgateway.bench.HttpLoad.Endpoint;
import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.GatewayProcess;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;
import io.xmppgateway.testing.XmppServer;

/**
 * {@code SendThroughputBench --transport component}: the gateway as the external component (XEP-0114)
 * {@value Prosody#APP_DOMAIN} against the server's component ceiling. HTTP {@code POST /v1/messages} from
 * {@value #SENDERS} addresses in the domain → the gateway (the packaged jar) → the server → {@code --receivers}
 * Smack clients, in a closed loop at each of {@code --clients} (default {@code 16,64}) callers; then, on the same
 * server start and with the gateway stopped (Prosody lets one connection hold a component), slixmpp's component
 * ({@link SlixmppComponentSender}) sends the same messages, from the same addresses to the same receivers, as fast as
 * it can (the server's ceiling, the issue's reference), then at each number of callers with the gateway's promise
 * (each waits for the server's answer to a ping after its message). Each phase warms up with {@code --warmup}
 * messages and measures {@code --messages}, counted at the receivers, with the CPU per message of the gateway (or
 * slixmpp), the server and the load with the receivers. Last a table: delivered/s of each, the ratio to slixmpp's
 * flood with the issue's target, at least 95 %, and to slixmpp with the same promise and callers.
 */
final class ComponentSendBench {

    /** The addresses in the domain that the messages come from, in turn. */
    static final int SENDERS = 16;
    /** The issue's target: the gateway delivers at least this share of slixmpp's rate. */
    private static final double TARGET = 0.95;
    private static final String SLIXMPP = "slixmpp";
    /** slixmpp's callers for the flood: none, it waits for nothing. */
    private static final int FLOOD = 0;

    private ComponentSendBench() {
    }

    static void run(Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "30000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "150000"));
        List<String> receivers = receivers(Integer.parseInt(options.getOrDefault("receivers", "4")));
        SlixmppComponentSender.ensureInstalled();

        XmppServer server = SendThroughputBench.startServer(options);
        String serverName = SendThroughputBench.serverName(server, options);
        try {
            Receiver received = new Receiver();
            List<XMPPTCPConnection> connections = new ArrayList<>();
            for (String user : receivers) {
                XMPPTCPConnection connection = SmackClients.connect(server, user);
                connection.addStanzaListener(stanza -> received.accept((Message) stanza),
                        MessageWithBodiesFilter.INSTANCE);
                connections.add(connection);
            }
            List<String> to = receivers.stream().map(Prosody::jid).toList();
            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put(serverName, server.pid());
            pids.put("load + receivers", ProcessHandle.current().pid());

            int[] callers = Arrays.stream(options.getOrDefault("clients", "16,64").split(","))
                    .mapToInt(Integer::parseInt).toArray();
            Map<Integer, Measured> results = gateway(server, serverName, options, callers, to, warmup, messages,
                    received, pids);
            Map<Integer, Measured> references = slixmpp(server, serverName, callers, to, warmup, messages, received,
                    pids);
            compare(serverName, messages, results, references);
            for (XMPPTCPConnection connection : connections) {
                connection.disconnect();
            }
        } finally {
            server.stop();
        }
    }

    /**
     * One gateway, connected as the component, measured at each number of callers in {@code --clients} in turn;
     * closed before this returns, so that the component is free for slixmpp.
     */
    private static Map<Integer, Measured> gateway(XmppServer server, String serverName, Map<String, String> options,
            int[] callers, List<String> to, int warmup, int messages, Receiver received, Map<String, Long> pids)
            throws Exception {
        String sendAck = options.getOrDefault("send-ack", "server");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BenchStore store = BenchStore.named(BenchStore.MEMORY, vertx).get(0);
        Map<Integer, Measured> results = new LinkedHashMap<>();
        try (GatewayProcess gateway = GatewayProcess.start("component-bench-gateway", server,
                gatewayConfig(server, sendAck, store)).awaitReady(Duration.ofSeconds(60))) {
            Map<String, Long> measuredPids = new LinkedHashMap<>(Map.of("gateway", gateway.pid()));
            measuredPids.putAll(pids);
            for (int clients : callers) {
                Measured measured = HttpLoad.measure(HttpLoad.client(vertx, gateway.port(), clients), send(to),
                        clients, warmup, messages, 0, received, measuredPids, () -> { });
                System.out.printf("%n/v1/messages → gateway (component %s) → %s → %d receivers, closed loop, %d "
                        + "HTTP clients, %d messages, gateway.send-ack=%s%n", Prosody.APP_DOMAIN, serverName,
                        to.size(), clients, messages, sendAck);
                measured.print(messages);
                results.put(clients, measured);
            }
        } finally {
            vertx.close();
        }
        return results;
    }

    /** The receiving accounts: {@code count} test users from bob on, bob first as in the client-mode benchmark. */
    private static List<String> receivers(int count) {
        List<String> candidates = Prosody.USERS.subList(Prosody.USERS.indexOf("bob"), Prosody.USERS.size());
        if (count < 1 || count > candidates.size()) {
            throw new IllegalArgumentException("--receivers is 1 to " + candidates.size() + ", not " + count);
        }
        return candidates.subList(0, count);
    }

    /** The component's configuration for the server, the client-mode bench's store and send-ack on top. */
    private static Map<String, String> gatewayConfig(XmppServer server, String sendAck, BenchStore store) {
        Map<String, String> config = new LinkedHashMap<>(server.componentGatewayConfig());
        config.putAll(SendThroughputBench.gatewayConfig(sendAck, store));
        return config;
    }

    /** Message i from sender{i mod SENDERS}@domain to the receivers in turn. */
    private static Endpoint send(List<String> to) {
        return new Endpoint("/v1/messages", "Bearer " + Api.KEY, (index, text) -> "{\"from\": \"sender"
                + index % SENDERS + "@" + Prosody.APP_DOMAIN + "\", \"to\": \"" + to.get(index % to.size())
                + "\", \"body\": \"" + text + "\"}");
    }

    /**
     * The references, on one connection of slixmpp's component: as fast as it can ({@link #FLOOD}), then at each
     * number of callers with the gateway's promise (each waits for a ping's answer before its next message). Each
     * warms up with {@code warmup} messages, then measures {@code messages}.
     */
    private static Map<Integer, Measured> slixmpp(XmppServer server, String serverName, int[] callers,
            List<String> to, int warmup, int messages, Receiver received, Map<String, Long> pids) throws Exception {
        try (SlixmppComponentSender sender = SlixmppComponentSender.connect("component-bench-slixmpp", server,
                SENDERS, to)) {
            Map<String, Long> measuredPids = new LinkedHashMap<>(Map.of(SLIXMPP, sender.pid()));
            measuredPids.putAll(pids);
            Map<Integer, Measured> references = new LinkedHashMap<>();
            for (int clients : IntStream.concat(IntStream.of(FLOOD), Arrays.stream(callers)).toArray()) {
                received.reset();
                System.out.printf("%nwarming up with %d messages from slixmpp%n", warmup);
                sender.send(warmup, "w", clients);
                received.awaitCount(warmup, Duration.ofSeconds(60));
                received.reset();

                Bench.Usage before = Bench.Usage.of(measuredPids);
                long start = System.nanoTime();
                sender.send(messages, "m", clients);
                received.awaitCount(messages, Duration.ofSeconds(120));
                Measured measured = Measured.since(received, start, before, new long[0]);
                System.out.printf("%nslixmpp's ComponentXMPP (component %s) → %s → the same receivers, %s, %d "
                        + "messages%n", Prosody.APP_DOMAIN, serverName, clients == FLOOD ? "as fast as it can"
                                : clients + " callers each waiting for a ping's answer", messages);
                measured.print(messages);
                references.put(clients, measured);
            }
            return references;
        }
    }

    /**
     * The gateway's delivered rate at each number of callers against slixmpp's flood, with the issue's target, and
     * against slixmpp with the same promise and callers.
     */
    private static void compare(String serverName, int messages, Map<Integer, Measured> gateway,
            Map<Integer, Measured> references) {
        Measured flood = references.get(FLOOD);
        System.out.printf("%ncomponent sends through %s, %d messages each: the gateway against slixmpp's component, "
                + "flooding (the server's ceiling) and with the same promise (each caller waits for a ping's "
                + "answer)%n", serverName, messages);
        System.out.printf("%-24s %12s %10s %18s %14s %18s %18s%n", "sender", "delivered/s", "of flood",
                "target ≥ " + Math.round(TARGET * 100) + " %", "of same promise", "sender CPU µs/msg",
                "server CPU µs/msg");
        gateway.forEach((callers, measured) -> {
            double ratio = measured.deliveredPerSecond() / flood.deliveredPerSecond();
            row("gateway, " + callers + " callers", measured, ratio, ratio >= TARGET ? "met" : "NOT met",
                    String.format("%.1f%%", 100 * measured.deliveredPerSecond()
                            / references.get(callers).deliveredPerSecond()), "gateway", serverName);
        });
        references.forEach((callers, measured) -> row(callers == FLOOD ? SLIXMPP + ", flood"
                : SLIXMPP + ", " + callers + " callers", measured, measured.deliveredPerSecond()
                        / flood.deliveredPerSecond(), "—", "—", SLIXMPP, serverName));
    }

    private static void row(String sender, Measured measured, double ofFlood, String target, String ofSamePromise,
            String senderProcess, String serverName) {
        System.out.printf("%-24s %12.0f %9.1f%% %18s %14s %18.1f %18.1f%n", sender, measured.deliveredPerSecond(),
                100 * ofFlood, target, ofSamePromise, measured.microsPerMessage(senderProcess),
                measured.microsPerMessage(serverName));
    }
}
