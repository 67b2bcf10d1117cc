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

    private static final String BEARER = "Bearer ";

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
        return indexOf(presented) >= 0;
    }

    /**
     * Who calls, as a name that is not the secret: {@code key-<n>} for the n-th configured key (from 0), or
     * {@code open} when the API needs no key (then every caller is the same one).
     *
     * @param authorization the {@code Authorization} header of a call the {@link ApiKeyFilter} let in
     */
    public String caller(String authorization) {
        if (!required()) {
            return "open";
        }
        return "key-" + indexOf(presented(authorization));
    }

    /** The key in an {@code Authorization: Bearer <key>} header, or null. */
    static String presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    private int indexOf(String presented) {
        if (presented == null) {
            return -1;
        }
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        int match = -1;
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), bytes)) {
                match = i;
            }
        }
        return match;
    }
}
