package io.xmppgateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import io.xmppgateway.testing.Api;
import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.SmackClients;

/**
 * End to end: HTTP {@code POST /v1/messages} → gateway (a separate process, the packaged jar) → Prosody → an
 * independent receiving client (Smack). Prints messages delivered per second as counted by the receiver, latency
 * from HTTP request to receipt, and CPU time per delivered message of the gateway and of Prosody.
 *
 * <p>{@code ./mvnw -Pbench package -DskipTests exec:exec@send-bench -Dsend.args="--clients 32 --messages 20000"};
 * {@code --rate N} paces the senders to N messages/s in total instead of running a closed loop; {@code --send-ack
 * written} measures fire-and-forget instead of acknowledged sends (XEP-0198); the environment
 * variable {@code GATEWAY_JAVA_OPTS} passes JVM options to the gateway (e.g. to profile it). Loopback only,
 * and every loop is bounded by {@code --messages}.
 */
public final class SendThroughputBench {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "40000"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));

        Prosody prosody = Prosody.shared();
        int httpPort = freePort();
        String sendAck = options.getOrDefault("send-ack", "server");
        Process gateway = startGateway(prosody, httpPort, sendAck);
        try {
            awaitReady(httpPort);
            XMPPTCPConnection receiver = SmackClients.connect(prosody, "bob");
            Receiver received = new Receiver();
            receiver.addAsyncStanzaListener(stanza -> received.accept((Message) stanza), MessageWithBodiesFilter.INSTANCE);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + httpPort + "/v1/messages");
            System.out.printf("warming up with %d messages%n", warmup);
            run(http, uri, clients, warmup, 0, received, "w");
            received.awaitCount(warmup, Duration.ofSeconds(60));
            received.reset();

            long gatewayCpuBefore = cpuTicks(gateway.pid());
            long prosodyCpuBefore = cpuTicks(prosody.pid());
            long start = System.nanoTime();
            run(http, uri, clients, messages, rate, received, "m");
            received.awaitCount(messages, Duration.ofSeconds(120));
            long elapsed = System.nanoTime() - start;
            long gatewayCpu = cpuTicks(gateway.pid()) - gatewayCpuBefore;
            long prosodyCpu = cpuTicks(prosody.pid()) - prosodyCpuBefore;
            receiver.disconnect();

            int delivered = received.count.get();
            double seconds = elapsed / 1e9;
            long[] latencies = received.latencies();
            System.out.printf("%n%s, %d HTTP clients, %d messages, gateway.send-ack=%s%n",
                    rate > 0 ? "paced at " + rate + "/s" : "closed loop", clients, messages, sendAck);
            System.out.printf("delivered            %d (%.1f%%)%n", delivered, 100.0 * delivered / messages);
            System.out.printf("delivered/s          %.0f (counted by the receiver)%n", delivered / seconds);
            System.out.printf("latency p50 / p99    %.2f ms / %.2f ms (HTTP request to receipt)%n",
                    percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6);
            System.out.printf("gateway CPU          %.1f µs per delivered message (%.0f%% of one core)%n",
                    ticksToMicros(gatewayCpu) / Math.max(1, delivered), 100.0 * ticksToMicros(gatewayCpu) / 1e6 / seconds);
            System.out.printf("Prosody CPU          %.1f µs per delivered message (%.0f%% of one core)%n",
                    ticksToMicros(prosodyCpu) / Math.max(1, delivered), 100.0 * ticksToMicros(prosodyCpu) / 1e6 / seconds);
        } finally {
            gateway.destroy();
            gateway.waitFor(10, TimeUnit.SECONDS);
            prosody.stop();
        }
        System.exit(0);
    }

    /** {@code clients} threads send {@code messages} in all, each waiting for its answer (closed loop) or paced. */
    private static void run(HttpClient http, URI uri, int clients, int messages, double rate, Receiver received,
                            String tag) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                        if (rate > 0) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        long sent = System.nanoTime();
                        String body = "{\"to\": \"" + Prosody.jid("bob") + "\", \"body\": \"" + tag + ":" + sent + "\"}";
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + Api.KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        if (failures.get() > 0) {
            System.out.printf("%d HTTP calls failed%n", failures.get());
        }
    }

    /** Counts what arrives and how long each message took since its HTTP request. */
    private static final class Receiver {
        final AtomicInteger count = new AtomicInteger();
        final Map<Integer, Long> latency = new ConcurrentHashMap<>();

        void accept(Message message) {
            long now = System.nanoTime();
            String body = message.getBody();
            int colon = body.indexOf(':');
            long sent = Long.parseLong(body.substring(colon + 1));
            latency.put(count.getAndIncrement(), now - sent);
        }

        void awaitCount(int expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }

        void reset() {
            count.set(0);
            latency.clear();
        }

        long[] latencies() {
            long[] values = latency.values().stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(values);
            return values;
        }
    }

    private static Process startGateway(Prosody prosody, int httpPort, String sendAck) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the gateway first: ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of("java"));
        String javaOptions = System.getenv("GATEWAY_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/send-bench-gateway.log").toFile()));
        Map<String, String> env = builder.environment();
        prosody.gatewayConfig().forEach((key, value) ->
                env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("GATEWAY_SEND_ACK", sendAck);
        return builder.start();
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not become ready; see target/send-bench-gateway.log");
    }

    /** utime + stime of a process, in clock ticks (Linux {@code /proc/<pid>/stat}). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double ticksToMicros(long ticks) {
        return ticks * 1e6 / CLOCK_TICKS_PER_SECOND;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
