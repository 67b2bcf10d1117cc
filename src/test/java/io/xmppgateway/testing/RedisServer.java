package io.xmppgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * A real Redis for the test run (Debian package {@code redis-server}): a free loopback port, nothing saved
 * ({@code --save "" --appendonly no}), a temp directory. One instance is shared by every test in the JVM
 * ({@link #shared()}) and stopped when the JVM exits; tests may stop and start it again, on the same port, to
 * play an outage.
 */
public final class RedisServer {

    private static RedisServer shared;

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer() throws IOException {
        dir = Files.createTempDirectory("redis-test-");
        port = Prosody.freePort();
    }

    /** The one Redis of this test run, started on first use. */
    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = ServerProcesses.startOnFreePorts("redis-server", RedisServer::new, RedisServer::start,
                    RedisServer::stop);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** Its process, to read its CPU time. */
    public synchronized long pid() {
        return process.pid();
    }

    /** {@code quarkus.redis.hosts} for it. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A client of its own (a replica's), on {@code vertx}. */
    public Redis client(Vertx vertx) {
        return Redis.createClient(vertx, new RedisOptions().setConnectionString(url()).setMaxPoolWaiting(1024));
    }

    /** Starts it if it is not running, and waits for its port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (Debian package 'redis-server')", e);
        }
        ServerProcesses.awaitListening(process, "redis-server", Duration.ofSeconds(10), this::output, port);
    }

    /** Stops it (SIGTERM); everything it held is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ServerProcesses.terminate(process);
        process = null;
    }

    /** Freezes the process (SIGSTOP): connections stay open, nothing is answered — a hung server. */
    public synchronized void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause() paused} process go on (SIGCONT). */
    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        Prosody.run("kill", signal, Long.toString(process.pid()));
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("redis.out"));
        } catch (IOException e) {
            return "";
        }
    }
}
