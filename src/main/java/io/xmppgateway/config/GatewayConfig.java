package io.xmppgateway.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own behaviour ({@code gateway.*}): its limits and quotas, App Engine's by default, and API keys. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Size limits. */
    Limits limits();

    /** Daily quotas. */
    Quota quota();

    /** The most recipients one {@code POST /v1/messages} may name. */
    @WithDefault("1000")
    @Min(1)
    int maxRecipients();

    /**
     * The API keys callers present as {@code Authorization: Bearer <key>}, comma-separated. A secret: set it from
     * the environment ({@code GATEWAY_API_KEYS}) or a Kubernetes Secret. Without any, the API is open — allowed only
     * with the {@code log} transport.
     */
    Optional<List<String>> apiKeys();

    /**
     * When a send answers 200: {@code server} (default) once the XMPP server acknowledged the stanza (XEP-0198
     * {@code <a h/>}), {@code written} once it is written to the socket (fire-and-forget, faster, losable).
     */
    @WithDefault("server")
    SendAck sendAck();

    /** When a 200 means the stanza arrived. */
    enum SendAck {
        SERVER, WRITTEN
    }

    /** How long a send may wait for the server's acknowledgement (reconnects included) before it fails with 504. */
    @WithDefault("30s")
    java.time.Duration sendTimeout();

    /**
     * How long an {@code Idempotency-Key}'s answer is remembered after its call ended: a retry within it gets the
     * first answer.
     */
    @WithDefault("10m")
    java.time.Duration idempotencyWindow();

    /**
     * {@code Idempotency-Key}s remembered at most, in flight or answered. Beyond it the oldest answers are forgotten
     * first; a call in flight never is: when all are in flight, a call with a new key is refused with 503.
     */
    @WithDefault("100000")
    @Min(1)
    int idempotencyMaxKeys();

    /**
     * What the remembered answers may weigh together, in bytes (estimated): a 1,000-recipient answer holds some
     * 60 KB, so keys alone do not bound memory. Beyond it the oldest answers are forgotten first.
     */
    @WithDefault("67108864")
    @Min(1024)
    long idempotencyMaxBytes();

    /**
     * Where shared state lives — the quota counters, the {@code Idempotency-Key} records: {@code memory} (default;
     * one replica, nothing to install) or {@code redis} ({@code quarkus.redis.hosts}; several replicas).
     */
    @WithDefault("memory")
    Store store();

    /** The shared store's kinds. */
    enum Store {
        MEMORY, REDIS
    }

    /** How long a call to the shared store may take before the store counts as unavailable. */
    @WithDefault("2s")
    java.time.Duration storeTimeout();

    /** Inbound traffic POSTed to the app in App Engine's {@code /_ah/xmpp/...} layout. */
    Webhook webhook();

    /**
     * What to do with subscription requests: {@code accept-all} (App Engine's behaviour: approve and subscribe back)
     * or {@code manual} (handlers and webhooks see them; {@code POST /v1/subscriptions/{jid}/approve|deny} answers).
     */
    @WithDefault("accept-all")
    Subscriptions subscriptions();

    /**
     * Component mode: the subscription policy of single addresses of the domain, by local part (e.g.
     * {@code gateway.subscriptions-by-address.news=manual}); the other addresses follow {@code gateway.subscriptions}.
     */
    Map<String, Subscriptions> subscriptionsByAddress();

    /**
     * Component mode: how long {@code GET /v1/presence/{jid}} waits for the answer to the probe it sends when the
     * gateway has heard nothing from {@code jid} yet; {@code 0} sends none and answers from the cache at once.
     */
    @WithDefault("2s")
    java.time.Duration presenceProbeTimeout();

    /** The subscription policy. */
    enum Subscriptions {
        ACCEPT_ALL, MANUAL
    }

    /** Webhooks. */
    interface Webhook {
        /** The app's base URL, e.g. {@code https://app.example.org}; unset disables webhooks. */
        Optional<String> url();

        /**
         * The signing secret (Standard Webhooks: {@code whsec_} + base64, or any string, whose UTF-8 bytes are then
         * the key). A secret: from the environment or a Secret. Unsigned when unset.
         */
        Optional<String> secret();

        /** The message types POSTed to {@code /_ah/xmpp/message/chat/}; App Engine's rule is chat and normal. */
        @WithDefault("chat,normal")
        List<String> messageTypes();

        /** The inbound services POSTed, App Engine's {@code inbound_services}: message, presence, subscription, error. */
        @WithDefault("message,presence,subscription,error")
        List<String> services();

        /**
         * Attempts per delivery before it is dead-lettered (logged, counted, and reported handled to the server, so
         * gone). Unset, the default: a delivery is retried until the app accepts it, however long it is down.
         */
        @Min(1)
        OptionalInt maxAttempts();

        /** The delay before the first retry; it doubles, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        java.time.Duration initialBackoff();

        /** The longest delay between attempts. */
        @WithDefault("60s")
        java.time.Duration maxBackoff();

        /** How long one POST may take. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /** POSTs in flight at once (one per sender at most, so each sender's order is kept). */
        @WithDefault("32")
        @Min(1)
        int maxInFlight();

        /**
         * Acknowledge at the TCP level each answer of the app as soon as it is read (Linux {@code TCP_QUICKACK}):
         * an app server that writes an answer's head and body apart with Nagle's algorithm on would otherwise hold
         * the body for the gateway's delayed ACK, tens of milliseconds a POST. Ignored where the platform lacks it.
         */
        @WithDefault("true")
        boolean quickAck();
    }

    /** App Engine's size limits. */
    interface Limits {
        /** The largest stanza sent or received, in bytes of serialized UTF-8 (App Engine: 100 KB). */
        @WithDefault("102400")
        @Min(1)
        int messageBytes();

        /** The largest API request body (App Engine: 1 MB per call). */
        @WithDefault("1048576")
        @Min(1)
        long requestBytes();

        /**
         * The largest header block of a request, in bytes as on the wire ({@code name: value} and CRLF per header);
         * above it the call is 431. {@code quarkus.http.limits.max-header-size} must stay above it.
         */
        @WithDefault("20480")
        @Min(1)
        int headerBytes();
    }

    /** Daily caps; a counter without a cap is only metered. Days start at midnight in {@link #zone()}. */
    interface Quota {
        /** The time zone whose midnight resets the counters (App Engine's was Pacific time). */
        @WithDefault("UTC")
        ZoneId zone();

        /** Invitations ({@code POST /v1/invitations}) a day (App Engine: 100,000). */
        @WithDefault("100000")
        OptionalLong invitationsPerDay();

        /** API calls a day; no cap by default. */
        OptionalLong apiCallsPerDay();

        /** Bytes of stanzas sent a day, counted per recipient; no cap by default. */
        OptionalLong dataSentBytesPerDay();

        /** Recipients messaged a day (30 recipients in one call count 30); no cap by default. */
        OptionalLong recipientsMessagedPerDay();
    }
}
