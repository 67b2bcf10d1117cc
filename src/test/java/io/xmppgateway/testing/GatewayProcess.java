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
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/quarkus-app}, built by {@code ./mvnw package}) as a process of its own — a
 * replica, as a deployment runs it: configured for a {@code client} session to a test server through environment
 * variables, its HTTP API on a free loopback port, its output in {@code target/<name>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

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
            Map<String, String> config = new HashMap<>(server.gatewayConfig());
            config.put("quarkus.http.port", Integer.toString(port));
            config.put("quarkus.http.host", "127.0.0.1");
            config.putAll(overrides);
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

    /** Its HTTP port, on 127.0.0.1. */
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
