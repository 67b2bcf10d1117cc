package io.xmppgateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prosody for the test run: its own config in a temp directory, a free loopback port, a self-signed
 * certificate for {@value #DOMAIN} made at test time, and its own accounts. One instance is shared by every test
 * in the JVM ({@link #shared()}) and stopped when the JVM exits; tests may restart or kill it.
 */
public final class Prosody implements XmppServer {

    public static final String DOMAIN = "localhost";
    /** A second host served with {@value #DOMAIN}'s certificate: valid, trusted, but not for this name. */
    public static final String MISMATCHED_DOMAIN = "mismatch.localhost";
    public static final String GATEWAY = "gateway";
    /**
     * An external component's domain (XEP-0114) with a {@code _}: legal in an XMPP domain, as servers name
     * components, though not in a host name.
     */
    public static final String COMPONENT_DOMAIN = "bad_name.localhost";
    public static final String COMPONENT_SECRET = "component-secret";
    /**
     * The gateway's own component domain (XEP-0114), App Engine's {@code anything@app_id.appspotchat.com}: the
     * gateway in component mode connects as it, with {@link #APP_SECRET}.
     */
    public static final String APP_DOMAIN = "app.localhost";
    public static final String APP_SECRET = "app-component-secret";
    public static final List<String> USERS = List.of(GATEWAY, "alice", "bob", "carol", "dave", "erin",
            "crowd", "fan", "joiner");

    private static Prosody shared;

    private final Path dir;
    private final boolean nagle;
    private final int port;
    private final int componentPort;
    private Process process;

    private Prosody(boolean nagle) throws IOException {
        this.nagle = nagle;
        dir = Files.createTempDirectory("prosody-test-");
        int[] ports = freePorts(2);
        port = ports[0];
        componentPort = ports[1];
        makeCertificate("localhost", dir.resolve("localhost.crt"), dir.resolve("localhost.key"));
        makeCertificate("localhost", dir.resolve("untrusted.crt"), dir.resolve("untrusted.key"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("prosody.cfg.lua"), config());
        for (String user : USERS) {
            run("prosodyctl", "--config", configFile(), "register", user, DOMAIN, password(user));
        }
        run("prosodyctl", "--config", configFile(), "register", GATEWAY, MISMATCHED_DOMAIN, password(GATEWAY));
    }

    /** The one Prosody of this test run, started on first use, with Prosody's default network settings. */
    public static synchronized Prosody shared() {
        if (shared == null) {
            shared = startNew(true);
        }
        return shared;
    }

    /**
     * A Prosody of its own, not the tests' shared one, for a benchmark: with {@code nagle} Prosody's default network
     * settings (Nagle's algorithm on), without it {@code network_settings = { nagle = false }}. Stopped when the JVM
     * exits.
     */
    public static Prosody startNew(boolean nagle) {
        try {
            Prosody prosody = new Prosody(nagle);
            prosody.start();
            Runtime.getRuntime().addShutdownHook(new Thread(prosody::stop));
            return prosody;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    @Override
    public synchronized long pid() {
        return process.pid();
    }

    @Override
    public Path certificate() {
        return dir.resolve("localhost.crt");
    }

    @Override
    public Path untrustedCertificate() {
        return dir.resolve("untrusted.crt");
    }

    public static String password(String user) {
        return user + "-secret";
    }

    public static String jid(String user) {
        return user + "@" + DOMAIN;
    }

    /** The signing secret of the test webhooks (Standard Webhooks form). */
    public static final String WEBHOOK_SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3OA==";

    @Override
    public String name() {
        return PROSODY;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder("prosody", "--config", configFile(), "-F")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prosody.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prosody (Debian package 'prosody')", e);
        }
        ServerProcesses.awaitListening(process, "prosody", Duration.ofSeconds(20), this::output, port);
    }

    /** Stops the server cleanly (SIGTERM): it closes its streams before exiting. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ServerProcesses.terminate(process);
        process = null;
    }

    /** Kills the server (SIGKILL): no stream is closed, nothing is flushed. */
    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Writes {@code user}'s roster into the server's storage, as Prosody keeps it: contact JID → subscription. The
     * user must not be online (Prosody reads a roster at login).
     */
    public void writeRoster(String user, Map<String, String> subscriptions) {
        StringBuilder lua = new StringBuilder("return {\n\t[false] = { [\"pending\"] = {}; [\"version\"] = 1; };\n");
        subscriptions.forEach((jid, subscription) -> lua.append("\t[\"").append(jid).append("\"] = { [\"subscription\"] = \"")
                .append(subscription).append("\"; [\"groups\"] = {}; };\n"));
        lua.append("};\n");
        try {
            Path roster = dir.resolve("data").resolve(DOMAIN).resolve("roster");
            Files.createDirectories(roster);
            Files.writeString(roster.resolve(user + ".dat"), lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("prosody.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("prosody.out")) + log();
        } catch (IOException e) {
            return "";
        }
    }

    private String configFile() {
        return dir.resolve("prosody.cfg.lua").toString();
    }

    private String config() {
        boolean root = "root".equals(System.getProperty("user.name"));
        return """
                -- Written by the test suite; see Prosody.java.
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s/data"
                run_as_root = %2$s
                admins = {}
                modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "version"; "offline"; "smacks"; "carbons" }
                modules_disabled = { "s2s" }
                c2s_ports = { %3$d }
                c2s_interfaces = { "127.0.0.1" }
                c2s_direct_tls_ports = {}
                s2s_ports = {}
                http_ports = {}
                https_ports = {}
                c2s_require_encryption = true
                c2s_stanza_size_limit = 262144
                %9$s
                authentication = "internal_hashed"
                storage = "internal"
                log = { { levels = { min = "info" }, to = "file", filename = "%1$s/prosody.log" } }
                component_ports = { %6$d }
                component_interfaces = { "127.0.0.1" }
                VirtualHost "%4$s"
                  ssl = { certificate = "%1$s/localhost.crt"; key = "%1$s/localhost.key" }
                VirtualHost "%5$s"
                  ssl = { certificate = "%1$s/localhost.crt"; key = "%1$s/localhost.key" }
                Component "%7$s"
                  component_secret = "%8$s"
                Component "%10$s"
                  component_secret = "%11$s"
                """.formatted(dir, root, port, DOMAIN, MISMATCHED_DOMAIN, componentPort, COMPONENT_DOMAIN,
                COMPONENT_SECRET, nagle ? "-- network_settings: Prosody's defaults (Nagle on)"
                        : "network_settings = { nagle = false }", APP_DOMAIN, APP_SECRET);
    }

    static void makeCertificate(String domain, Path certificate, Path key) {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + domain, "-addext", "subjectAltName=DNS:" + domain,
                "-keyout", key.toString(), "-out", certificate.toString());
    }

    static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /**
     * {@code count} distinct free loopback ports: all held open while chosen, since a port closed and asked for again
     * can come back the same (seen: Prosody given one port for c2s and components, its c2s listener then lost it).
     */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
