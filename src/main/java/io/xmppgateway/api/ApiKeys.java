package io.xmppgateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.xmppgateway.config.GatewayConfig;
import io.xmppgateway.config.XmppConfig;
import io.xmppgateway.stream.TransportLauncher;

/**
 * The API keys of {@code gateway.api-keys}. Without any the API is open, which is allowed only with the {@code log}
 * transport: a gateway that can send for real refuses to start unprotected.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    @Inject
    GatewayConfig config;

    @Inject
    TransportLauncher transport;

    private List<byte[]> keys = List.of();

    void check(@Observes StartupEvent event) {
        keys = config.apiKeys().orElse(List.of()).stream()
                .map(String::strip).filter(key -> !key.isEmpty())
                .map(key -> key.getBytes(StandardCharsets.UTF_8))
                .toList();
        if (!keys.isEmpty()) {
            return;
        }
        if (transport.transport() != XmppConfig.Transport.LOG) {
            throw new IllegalStateException("gateway.api-keys is not set: refusing to expose the send API of a real "
                    + "XMPP session without authentication (set GATEWAY_API_KEYS, e.g. from a Kubernetes Secret)");
        }
        LOG.warn("gateway.api-keys is not set: the API is open to anyone who can reach it (allowed with the 'log' "
                + "transport only)");
    }

    /** Whether calls must present a key. */
    public boolean required() {
        return !keys.isEmpty();
    }

    /** Whether {@code presented} is one of the keys, compared in constant time. */
    public boolean accepts(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, bytes);
        }
        return match;
    }
}
