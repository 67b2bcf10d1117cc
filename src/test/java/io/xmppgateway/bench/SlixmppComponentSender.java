package io.xmppgateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.xmppgateway.testing.Prosody;
import io.xmppgateway.testing.XmppServer;

/**
 * slixmpp's external component ({@code src/test/resources/bench/component_sender.py}, Debian's
 * {@code python3-slixmpp}) connected to a test server as {@value Prosody#APP_DOMAIN}: the component benchmark's
 * reference, which sends as fast as it can. Prosody lets one connection hold a component, so it must not run while a
 * gateway is connected as the same domain.
 */
final class SlixmppComponentSender implements AutoCloseable {

    private static final Path ENSURE = Path.of("src/test/scripts/ensure-slixmpp.sh");
    private static final Path SCRIPT = Path.of("src/test/resources/bench/component_sender.py");
    /** Debian's Python, which has the package, whatever {@code python3} comes first on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path log;

    private SlixmppComponentSender(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Installs slixmpp if it is missing ({@code ensure-slixmpp.sh}); fails if it cannot. */
    static void ensureInstalled() throws IOException, InterruptedException {
        int exit = new ProcessBuilder("bash", ENSURE.toString()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(ENSURE + " failed (" + exit + "): slixmpp is not installed");
        }
    }

    /**
     * Connects to {@code server}'s component port and waits for the handshake; messages go from {@code senders}
     * addresses in the domain to {@code receivers} in turn. Its log (stderr) is {@code target/<name>.log}.
     */
    static SlixmppComponentSender connect(String name, XmppServer server, int senders, List<String> receivers)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString(), "127.0.0.1",
                Integer.toString(server.componentPort()), Prosody.APP_DOMAIN, Prosody.APP_SECRET,
                Integer.toString(senders)));
        command.addAll(receivers);
        Path log = Path.of("target", name + ".log");
        SlixmppComponentSender sender = new SlixmppComponentSender(new ProcessBuilder(command)
                .redirectError(log.toFile()).start(), log);
        String ready = sender.out.readLine();
        if (!"ready".equals(ready)) {
            sender.close();
            throw new IllegalStateException("slixmpp's component did not connect as " + Prosody.APP_DOMAIN + " ("
                    + ready + "); see " + log);
        }
        return sender;
    }

    /**
     * Sends {@code count} messages with bodies {@code tag:<send time>}: with {@code callers} 0 as fast as it can,
     * returning once all are in slixmpp's send queue (written meanwhile, and the rest soon after); otherwise from that
     * many callers, each waiting for the server's answer to a ping written after its message before the next (the
     * gateway's promise), returning once the last is answered.
     */
    void send(int count, String tag, int callers) throws IOException {
        in.write(count + " " + tag + (callers > 0 ? " " + callers : "") + "\n");
        in.flush();
        String sent = out.readLine();
        if (sent == null || !sent.equals("sent " + count)) {
            throw new IllegalStateException("slixmpp's component stopped sending (" + sent + "); see " + log);
        }
    }

    /** Its process, to read its CPU time. */
    long pid() {
        return process.pid();
    }

    /** Closes its input: it disconnects and exits. */
    @Override
    public void close() throws IOException {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
