package io.xmppgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged gateway ({@code target/quarkus-app}, built by {@code ./mvnw package}) as a process of its own — a
 * replica, as a deployment runs it: configured for a {@code client} session to a test server through environment
 * variables, its HTTP API on a free loopback port, its output in {@code target/<name>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What {@code ./mvnw package} builds. */
    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final String name;
    private final int port;
    private final Process process;

    private GatewayProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Whether the gateway is packaged: only then can one be started. */
    public static boolean packaged() {
        return Files.exists(JAR);
    }

    /**
     * Starts a gateway for {@code server} with {@code overrides} on top of the tests' configuration; it is not ready
     * yet ({@link #awaitReady}). The environment variable {@code GATEWAY_JAVA_OPTS} passes JVM options (benchmarks:
     * a profiler, GC logging).
     */
    public static GatewayProcess start(String name, XmppServer server, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(server.gatewayConfig());
        config.putAll(overrides);
        return startWith(name, config);
    }

    /**
     * Starts {@code count} replicas as a deployment runs them: {@code <prefix>-1}… each with the configuration
     * {@code config} gives for its number (1…), sharing the test run's Redis ({@code gateway.store=redis}), each its
     * own {@code xmpp.resource}, {@code replica-<n>}. None is ready yet.
     */
    public static List<GatewayProcess> startReplicas(String prefix, int count,
                                                     IntFunction<Map<String, String>> config) {
        List<GatewayProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, String> replica = new HashMap<>(config.apply(i));
            replica.put("gateway.store", "redis");
            replica.put("quarkus.redis.hosts", RedisServer.shared().url());
            replica.put("xmpp.resource", "replica-" + i);
            replicas.add(startWith(prefix + "-" + i, replica));
        }
        return replicas;
    }

    /** Stops every one of {@code replicas} as Kubernetes does ({@link #close()}). */
    public static void closeAll(List<GatewayProcess> replicas) throws InterruptedException {
        for (GatewayProcess replica : replicas) {
            replica.close();
        }
    }

    /** Starts a gateway configured with {@code config} alone (a component's, say), its HTTP port added. */
    public static GatewayProcess startWith(String name, Map<String, String> configuration) {
        try {
            int port = Prosody.freePort();
            List<String> command = new ArrayList<>(List.of("java"));
            String javaOptions = System.getenv("GATEWAY_JAVA_OPTS");
            if (javaOptions != null && !javaOptions.isBlank()) {
                command.addAll(List.of(javaOptions.strip().split("\\s+")));
            }
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(Path.of("target", name + ".log").toFile()));
            Map<String, String> config = new HashMap<>(configuration);
            config.put("quarkus.http.port", Integer.toString(port));
            config.put("quarkus.http.host", "127.0.0.1");
            config.forEach((key, value) ->
                    builder.environment().put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
            return new GatewayProcess(name, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the packaged gateway " + JAR, e);
        }
    }

    /** Waits until its readiness check passes: HTTP up, XMPP session online, shared store reachable. */
    public GatewayProcess awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see target/"
                        + name + ".log");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100); // polling a port: there is nothing to be told by
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see target/" + name + ".log");
    }

    /**
     * Waits until exactly one of {@code replicas} that still run passes {@code test}, and answers it (a replica that
     * does not answer yet does not pass).
     */
    public static GatewayProcess awaitOne(List<GatewayProcess> replicas, Predicate<GatewayProcess> test,
                                          Duration timeout) {
        return Awaitility.await().atMost(timeout).until(() -> {
            List<GatewayProcess> passing = replicas.stream().filter(GatewayProcess::alive).filter(test).toList();
            return passing.size() == 1 ? Optional.of(passing.get(0)) : Optional.<GatewayProcess>empty();
        }, Optional::isPresent).orElseThrow();
    }

    /** The data of its {@code xmpp-session} health check (empty when it does not answer). */
    public JsonNode session() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
                if (check.path("name").asText().equals("xmpp-session")) {
                    return check.path("data");
                }
            }
        } catch (IOException | InterruptedException notAnswering) {
            // starting, stopping, or stopped
        }
        return JSON.createObjectNode();
    }

    /** Whether its readiness check passes now (false when it does not answer). */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException notAnswering) {
            return false;
        }
    }

    /** The value of a metric without tags, e.g. {@code xmpp_session_connection_attempts_total}. */
    public double metric(String name) throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " from " + url()));
    }

    /** {@code POST path} with the tests' API key and a JSON body. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Its HTTP port, on 127.0.0.1. */
    /** What it wrote to standard output and error so far. */
    public String log() throws IOException {
        return Files.readString(Path.of("target", name + ".log"));
    }

    public int port() {
        return port;
    }

    /** Its process, to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    /** Its HTTP API, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Kills it (SIGKILL), as a node failure or the OOM killer does: nothing is closed or handed over. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Asks it to stop (SIGTERM), as Kubernetes does, without waiting: it hands over and drains meanwhile. */
    public void terminate() {
        process.destroy();
    }

    /** Stops it as Kubernetes does (SIGTERM), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
