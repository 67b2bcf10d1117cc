package io.xmppgateway.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
