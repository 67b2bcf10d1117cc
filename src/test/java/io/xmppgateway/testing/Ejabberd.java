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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real ejabberd for the test run, the peer of {@link Prosody}: its own {@code ejabberd.yml} in a temp directory,
 * free loopback ports (c2s, component, HTTP API), a self-signed certificate for {@value Prosody#DOMAIN} made at test
 * time, and the same accounts as Prosody (and the same second host, {@value Prosody#MISMATCHED_DOMAIN}), registered
 * through the HTTP API ({@code POST /api/register}). One
 * instance is shared by every test in the JVM ({@link #shared()}) and stopped when the JVM exits.
 *
 * <p>It runs the {@code erl} command {@code ejabberdctl foreground} builds (Debian package {@code ejabberd}), as
 * the user running the tests — {@code ejabberdctl} itself would switch to the system user {@code ejabberd} — with
 * its own node name ({@code ejabberd-test-<pid>@localhost}) and cookie, a distribution port of its own and no epmd
 * ({@code -erl_epmd_port <port> -start_epmd false}, what {@code ERL_DIST_PORT} does in {@code ejabberdctl}), and
 * Mnesia in the temp directory. The directory also holds an {@code ejabberdctl.cfg}, so that while it runs
 * {@code ejabberdctl --config-dir <dir> status} (or {@code connected_users}, {@code debug}) talks to it. SIGTERM
 * stops it cleanly (the Erlang VM's {@code init:stop()}).
 *
 * <p>One {@code ejabberd_service} listener (XEP-0114) serves both component domains, {@value
 * Prosody#COMPONENT_DOMAIN} and {@value Prosody#APP_DOMAIN}, each with its own password, as Prosody does. It has
 * {@code global_routes: false}: by default ejabberd routes every domain of the listener to whichever component
 * connected, so a test's {@link ExternalComponent} would also receive what is sent to {@value Prosody#APP_DOMAIN}.
 */
public final class Ejabberd implements XmppServer {

    private static Ejabberd shared;

    private final Path dir;
    private final int port;
    private final int componentPort;
    private final int httpPort;
    private final int distributionPort;
    private final String node = "ejabberd-test-" + ProcessHandle.current().pid() + "@localhost";
    private final String cookie = UUID.randomUUID().toString().replace("-", "");
    private Process process;

    private Ejabberd() throws IOException {
        dir = Files.createTempDirectory("ejabberd-test-");
        int[] ports = Prosody.freePorts(4);
        port = ports[0];
        componentPort = ports[1];
        httpPort = ports[2];
        distributionPort = ports[3];
        Prosody.makeCertificate(Prosody.DOMAIN, dir.resolve("localhost.crt"), dir.resolve("localhost.key"));
        Prosody.makeCertificate(Prosody.DOMAIN, dir.resolve("untrusted.crt"), dir.resolve("untrusted.key"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(dir.resolve("ejabberd.yml"), config());
        Files.writeString(dir.resolve("ejabberdctl.cfg"), """
                # Written by the test suite (Ejabberd.java), for `ejabberdctl --config-dir %s <command>`.
                ERLANG_NODE=%s
                ERL_DIST_PORT=%d
                ERL_OPTIONS="-setcookie %s"
                SPOOL_DIR=%s
                """.formatted(dir, node, distributionPort, cookie, dir.resolve("spool")));
        Files.writeString(dir.resolve("inetrc"), ""); // ejabberdctl points ERL_INETRC here
    }

    /** The one ejabberd of this test run, started on first use, with the accounts of {@link Prosody#USERS}. */
    public static synchronized Ejabberd shared() {
        if (shared == null) {
            shared = ServerProcesses.startOnFreePorts("ejabberd", Ejabberd::new, Ejabberd::start,
                    Ejabberd::stop);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            for (String user : Prosody.USERS) {
                shared.register(user, Prosody.DOMAIN, Prosody.password(user));
            }
            shared.register(Prosody.GATEWAY, Prosody.MISMATCHED_DOMAIN, Prosody.password(Prosody.GATEWAY));
        }
        return shared;
    }

    @Override
    public String name() {
        return EJABBERD;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    /**
     * The Erlang VM's process ({@code beam.smp}): {@code erl} and {@code erlexec} exec it, so it keeps the pid
     * started here.
     */
    @Override
    public synchronized long pid() {
        return process.pid();
    }

    /** ejabberd's HTTP API ({@code mod_http_api}), open to any command from 127.0.0.1. */
    public URI api(String command) {
        return URI.create("http://127.0.0.1:" + httpPort + "/api/" + command);
    }

    @Override
    public Path certificate() {
        return dir.resolve("localhost.crt");
    }

    @Override
    public Path untrustedCertificate() {
        return dir.resolve("untrusted.crt");
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("erl", "-sname", node, "+K", "true", "+P", "250000",
                "-env", "ERL_CRASH_DUMP_BYTES", "0",
                "-erl_epmd_port", Integer.toString(distributionPort), "-start_epmd", "false",
                "-setcookie", cookie,
                "-mnesia", "dir", "\"" + dir.resolve("spool") + "\"",
                "-s", "ejabberd", "-noinput")
                .directory(dir.resolve("spool").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ejabberd.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", dir.toString());
        env.put("EJABBERD_CONFIG_PATH", dir.resolve("ejabberd.yml").toString());
        env.put("EJABBERD_LOG_PATH", dir.resolve("ejabberd.log").toString());
        env.put("ERL_CRASH_DUMP", dir.resolve("erl_crash.dump").toString());
        env.put("ERL_DIST_PORT", Integer.toString(distributionPort));
        env.put("ERL_LIBS", erlLibs());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ejabberd (Debian package 'ejabberd')", e);
        }
        // The HTTP API is the last listener up; the accounts are registered through it.
        ServerProcesses.awaitListening(process, "ejabberd", Duration.ofSeconds(30), this::output, port, httpPort);
    }

    /** Where the package keeps ejabberd's Erlang applications: what its ejabberdctl sets (per architecture). */
    private static String erlLibs() {
        try {
            java.util.regex.Matcher libs = java.util.regex.Pattern.compile("ERL_LIBS='([^']+)'")
                    .matcher(Files.readString(Path.of("/usr/sbin/ejabberdctl")));
            return libs.find() ? libs.group(1) : "/usr/lib/x86_64-linux-gnu";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /usr/sbin/ejabberdctl (Debian package 'ejabberd')", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                killAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        killAll();
        process = null;
    }

    private void killAll() {
        List<ProcessHandle> all = process.descendants().toList();
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String log() {
        try {
            return Files.readString(dir.resolve("ejabberd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Registers an account through the HTTP API. */
    public void register(String user, String host, String password) {
        HttpResponse<String> response = call("register",
                "{\"user\":\"%s\",\"host\":\"%s\",\"password\":\"%s\"}".formatted(user, host, password));
        if (response.statusCode() != 200 && !response.body().contains("already registered")) {
            throw new IllegalStateException("ejabberd register " + user + ": " + response.statusCode() + " "
                    + response.body() + "\n" + log());
        }
    }

    /** How many messages {@code user}'s offline storage holds ({@code mod_admin_extra}'s get_offline_count). */
    public int offlineCount(String user) {
        HttpResponse<String> response = call("get_offline_count",
                "{\"user\":\"%s\",\"server\":\"%s\"}".formatted(user, Prosody.DOMAIN));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ejabberd get_offline_count: " + response.statusCode() + " "
                    + response.body());
        }
        return Integer.parseInt(response.body().replaceAll("[^0-9]", ""));
    }

    private HttpResponse<String> call(String command, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api(command))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("ejabberd.out")) + log();
        } catch (IOException e) {
            return "";
        }
    }

    private String config() {
        return """
                # Written by the test suite; see Ejabberd.java.
                hosts:
                  - "%2$s"
                  - "%8$s"
                loglevel: info
                log_rotate_count: 0
                certfiles:
                  - "%1$s/localhost.crt"
                  - "%1$s/localhost.key"
                listen:
                  -
                    port: %3$d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                    starttls_required: true
                    max_stanza_size: 262144
                  -
                    port: %4$d
                    ip: "127.0.0.1"
                    module: ejabberd_service
                    global_routes: false
                    hosts:
                      "%6$s":
                        password: "%7$s"
                      "%9$s":
                        password: "%10$s"
                  -
                    port: %5$d
                    ip: "127.0.0.1"
                    module: ejabberd_http
                    request_handlers:
                      /api: mod_http_api
                auth_method: internal
                auth_password_format: scram
                s2s_access: none
                acl:
                  loopback:
                    ip:
                      - 127.0.0.0/8
                access_rules:
                  local:
                    allow: all
                  c2s:
                    allow: all
                shaper_rules:
                  max_user_offline_messages: 10000
                api_permissions:
                  "the test run, on loopback":
                    from: mod_http_api
                    who:
                      acl: loopback
                    what: "*"
                modules:
                  mod_stream_mgmt:
                    max_ack_queue: 5000
                    resume_timeout: 300
                    resend_on_timeout: if_offline
                  mod_offline: {}
                  mod_roster: {}
                  mod_disco: {}
                  mod_ping: {}
                  mod_muc: {}
                  mod_http_api: {}
                  mod_admin_extra: {}
                """.formatted(dir, Prosody.DOMAIN, port, componentPort, httpPort, Prosody.COMPONENT_DOMAIN,
                Prosody.COMPONENT_SECRET, Prosody.MISMATCHED_DOMAIN, Prosody.APP_DOMAIN, Prosody.APP_SECRET);
    }
}
