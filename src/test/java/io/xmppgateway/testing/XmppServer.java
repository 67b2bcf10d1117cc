package io.xmppgateway.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real XMPP server started by the tests — {@link Prosody} or {@link Ejabberd} — serving {@value Prosody#DOMAIN}
 * with the same accounts ({@link Prosody#USERS}, {@link Prosody#password(String)}) on a free loopback port — and
 * {@value Prosody#MISMATCHED_DOMAIN} with {@value Prosody#DOMAIN}'s certificate (valid, trusted, not for that name)
 * and {@value Prosody#GATEWAY}'s account there. An
 * end-to-end test that runs against both takes one as its parameter:
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("io.xmppgateway.testing.XmppServer#both")
 * void aMessageArrives(XmppServer server) { ... }
 * }</pre>
 *
 * Its {@code toString()} is its {@link #name()}, so the server is in the test's name. Where the servers differ, the
 * test asks {@link #name()} and says why.
 */
public interface XmppServer {

    String PROSODY = "prosody";
    String EJABBERD = "ejabberd";

    /** Both shared servers, Prosody first; each is started on first use and stopped when the JVM exits. */
    static Stream<XmppServer> both() {
        return Stream.of(Prosody.shared(), Ejabberd.shared());
    }

    /** {@value #PROSODY} or {@value #EJABBERD}. */
    String name();

    /** The client-to-server port (STARTTLS required), on 127.0.0.1. */
    int port();

    /**
     * Where external components connect (XEP-0114), on 127.0.0.1: {@value Prosody#COMPONENT_DOMAIN} (secret
     * {@value Prosody#COMPONENT_SECRET}) and the gateway's {@value Prosody#APP_DOMAIN} (secret
     * {@value Prosody#APP_SECRET}) are configured.
     */
    int componentPort();

    /** The server's OS process (Prosody's Lua, ejabberd's Erlang VM), to read its CPU time. */
    long pid();

    /** The server's certificate (PEM), to trust. */
    Path certificate();

    /** A certificate for the same domain that the server does not use: trusting only it must fail. */
    Path untrustedCertificate();

    /** Starts the server if it is not running and waits for its client port. */
    void start();

    /** Stops the server cleanly (SIGTERM): it closes its streams before exiting. */
    void stop();

    /** Kills the server (SIGKILL): no stream is closed, nothing is flushed. */
    void kill();

    default void restart() {
        stop();
        start();
    }

    /** The server's log so far, for failure messages. */
    String log();

    /** The gateway's configuration for a {@code client} session to this server, with webhooks to the receiver. */
    default Map<String, String> gatewayConfig() {
        return Map.ofEntries(
                Map.entry("gateway.webhook.url", WebhookReceiver.shared().url()),
                Map.entry("gateway.webhook.secret", Prosody.WEBHOOK_SECRET),
                Map.entry("gateway.webhook.initial-backoff", "100ms"),
                Map.entry("gateway.webhook.max-backoff", "300ms"),
                Map.entry("gateway.webhook.max-attempts", "4"),
                Map.entry("xmpp.response-timeout", "5s"),
                Map.entry("xmpp.jid", Prosody.jid(Prosody.GATEWAY)),
                Map.entry("xmpp.password", Prosody.password(Prosody.GATEWAY)),
                Map.entry("xmpp.host", "127.0.0.1"),
                Map.entry("xmpp.port", Integer.toString(port())),
                Map.entry("xmpp.trust-store.path", certificate().toString()),
                Map.entry("xmpp.reconnect.initial-delay", "200ms"),
                Map.entry("xmpp.reconnect.max-delay", "2s"),
                // Tests restart the server several times within a minute; each session there is stable after 5 s.
                Map.entry("xmpp.reconnect.stable-after", "5s"),
                Map.entry("gateway.api-keys", Api.KEY));
    }

    /**
     * The gateway's configuration for a {@code component} session to this server: {@value Prosody#APP_DOMAIN} with
     * {@value Prosody#APP_SECRET} on {@link #componentPort()}, plaintext over the loopback; webhooks and keys as in
     * {@link #gatewayConfig()}, no account.
     */
    default Map<String, String> componentGatewayConfig() {
        Map<String, String> config = new java.util.HashMap<>(gatewayConfig());
        config.remove("xmpp.jid");
        config.remove("xmpp.password");
        config.put("xmpp.transport", "component");
        config.put("xmpp.component.domain", Prosody.APP_DOMAIN);
        config.put("xmpp.component.secret", Prosody.APP_SECRET);
        config.put("xmpp.port", Integer.toString(componentPort()));
        config.put("gateway.subscriptions-by-address.desk", "manual"); // ComponentPresenceScenario's manual address
        return Map.copyOf(config);
    }
}
