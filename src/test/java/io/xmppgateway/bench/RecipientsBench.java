package io.xmppgateway.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.xmppgateway.testing.Api;

/**
 * The cost per recipient of one {@code POST /v1/messages} naming 1,000 recipients against 1,000 calls naming one
 * each: the gateway (the packaged jar, its own process) with the {@code log} transport, so what is measured is the
 * gateway's own work per recipient — JSON, building and serializing each stanza, the quota filter, the event-bus
 * request to the transport and its answer, the per-recipient result — and, for one-recipient calls, HTTP. Prints the
 * gateway's CPU time and the wall time per recipient for both, side by side, for each of {@code --rounds} rounds.
 *
 * <p>{@code ./mvnw -Pbench package -DskipTests exec:exec@recipients-bench -Drecipients.args="--recipients 20000"};
 * {@code --per-call N} names N recipients per call instead of 1,000 (a cost per recipient that grew with N would
 * be work that is not constant per recipient). Loopback only; every loop is bounded by {@code --recipients} (a
 * multiple of {@code --per-call}); {@code --single false} leaves out the one-recipient calls after the warm-up (to
 * profile the others).
 */
public final class RecipientsBench {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "20000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int many = Integer.parseInt(options.getOrDefault("per-call", "1000"));

        int port = freePort();
        Process gateway = startGateway(port);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            awaitReady(port);
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients));
            String one = body(1);
            String batch = body(many);
            System.out.printf("warming up with %d recipients each way%n", recipients);
            run(http, one, recipients, clients);
            run(http, batch, recipients / many, 2);
            System.out.printf("%n%-8s %-34s %-34s%n", "round", "1 recipient per call (" + clients + " clients)",
                    many + " recipients per call (2 clients)");
            for (int round = 1; round <= rounds; round++) {
                double[] single = options.getOrDefault("single", "true").equals("false") ? new double[2]
                        : measure(gateway.pid(), () -> run(http, one, recipients, clients), recipients);
                double[] batched = measure(gateway.pid(), () -> run(http, batch, recipients / many, 2), recipients);
                System.out.printf("%-8d %5.1f µs CPU, %5.1f µs wall        %5.1f µs CPU, %5.1f µs wall%n", round,
                        single[0], single[1], batched[0], batched[1]);
            }
            System.out.println("(per recipient: the gateway's CPU time, and the elapsed time, over all recipients)");
        } finally {
            vertx.close();
            gateway.destroy();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private interface Load {
        void run() throws Exception;
    }

    /** CPU µs and wall µs per recipient. */
    private static double[] measure(long pid, Load load, int recipients) throws Exception {
        long cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        load.run();
        long wall = System.nanoTime() - start;
        long cpu = cpuTicks(pid) - cpuBefore;
        return new double[] {cpu * 1e6 / CLOCK_TICKS_PER_SECOND / recipients, wall / 1e3 / recipients};
    }

    private static String body(int recipients) {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < recipients; i++) {
            to.append(i == 0 ? "" : ", ").append("\"user").append(i).append("@example.org\"");
        }
        return "{\"to\": [" + to + "], \"body\": \"The 5:15 to Verona leaves from platform 2 today.\"}";
    }

    /** {@code calls} calls with this body, {@code clients} at a time, each waiting for its answer (closed loop). */
    private static void run(HttpClient http, String body, int calls, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(calls);
        Runnable[] call = new Runnable[1];
        call[0] = () -> {
            if (next.getAndIncrement() >= calls) {
                return;
            }
            http.request(HttpMethod.POST, "/v1/messages")
                    .compose(request -> request.putHeader("Authorization", "Bearer " + Api.KEY)
                            .putHeader("Content-Type", "application/json").send(body))
                    .compose(response -> response.body().map(response.statusCode()))
                    .onComplete(status -> {
                        if (status.failed() || status.result() != 200) {
                            failures.incrementAndGet();
                        }
                        done.countDown();
                        call[0].run();
                    });
        };
        for (int c = 0; c < clients; c++) {
            call[0].run();
        }
        if (!done.await(300, TimeUnit.SECONDS) || failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " calls failed or did not finish");
        }
    }

    private static Process startGateway(int port) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the gateway first: ./mvnw package -DskipTests");
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/recipients-bench-gateway.log")
                        .toFile()));
        Map<String, String> env = builder.environment();
        env.put("XMPP_TRANSPORT", "log");
        env.put("GATEWAY_API_KEYS", Api.KEY);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // The log transport prints each stanza at INFO: above it, printing does not count against the gateway.
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        return builder.start();
    }

    private static void awaitReady(int port) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway did not start; see target/recipients-bench-gateway.log");
    }

    /** utime + stime of a process, in clock ticks (Linux {@code /proc/<pid>/stat}). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
