package io.xmppgateway.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway reaches its XMPP server ({@code xmpp.*}; every key also works as an environment variable, e.g.
 * {@code XMPP_PASSWORD}).
 */
@ConfigMapping(prefix = "xmpp")
public interface XmppConfig {

    /** Where outbound stanzas go. */
    enum Transport {
        /** Print each stanza instead of sending it, like App Engine's development server. */
        LOG,
        /** A client-to-server session as {@code xmpp.jid}. */
        CLIENT,
        /** An external component (XEP-0114) owning the whole domain {@code xmpp.component.domain}. */
        COMPONENT
    }

    /** How the connection is secured. */
    enum TlsMode {
        /** Plain TCP upgraded with STARTTLS, which the server must offer (RFC 6120 §5). */
        STARTTLS,
        /** TLS from the first byte (XEP-0368), usually on port 5223. */
        DIRECT,
        /** No TLS at all: only for a server on the same host. SASL PLAIN is then refused. */
        NONE
    }

    /**
     * {@code log}, {@code client} or {@code component}; when unset, {@code client} if {@code xmpp.jid} is set, else
     * {@code log}.
     */
    Optional<Transport> transport();

    /** The gateway's account, e.g. {@code bot@example.org}; a resource here is ignored in favour of {@link #resource()}. */
    Optional<String> jid();

    /** The account's password. A secret: set it from the environment or a Kubernetes Secret; never logged. */
    Optional<String> password();

    /** The server's host name or address; defaults to the JID's domain (the component's domain for a component). */
    Optional<String> host();

    /** The server's port: its client port, or for a component its component port (usually 5347). */
    @WithDefault("5222")
    @Min(1)
    @Max(65535)
    int port();

    /**
     * {@code starttls} (required by default), {@code direct} or {@code none}. A component stream has no STARTTLS:
     * with the default it is plaintext, which is refused to any host but the loopback; set {@code direct} where the
     * server offers TLS on its component port, or {@code none} to accept plaintext explicitly.
     */
    @WithDefault("starttls")
    TlsMode tls();

    /** The certificates to trust in place of the JVM's default trust store. */
    TrustStore trustStore();

    /** The resource to bind (App Engine's is {@code bot}). */
    @WithDefault("bot")
    String resource();

    /** How long the connection may be silent before the gateway pings the server (XEP-0199). */
    @WithDefault("60s")
    Duration keepaliveInterval();

    /** How long a keepalive ping may go unanswered before the connection is considered dead. */
    @WithDefault("20s")
    Duration keepaliveTimeout();

    /** How long connecting, TLS and negotiation may take before the attempt is abandoned. */
    @WithDefault("30s")
    Duration connectTimeout();

    /**
     * Acknowledge at the TCP level what the server sent as soon as it is read (Linux {@code TCP_QUICKACK}, set after
     * every read), instead of the kernel's delayed ACK: a server with Nagle's algorithm on (Prosody's default) holds
     * each stanza until the one before is acknowledged, which with delayed ACKs costs tens of milliseconds a stanza.
     * Ignored where the platform lacks the option.
     */
    @WithDefault("true")
    boolean quickAck();

    /** The {@code component} transport (XEP-0114). */
    Component component();

    /**
     * An external component (XEP-0114): the server routes everything addressed to {@link #domain()} or any address in
     * it to the gateway, which may send from any address in it.
     */
    interface Component {
        /** The component's domain, e.g. {@code app.example.org}, as configured on the server. */
        Optional<String> domain();

        /** The secret the server shares with the component. A secret: set it from the environment; never logged. */
        Optional<String> secret();

        /**
         * The sender of what the app sends without a {@code from}; a bare address gets {@code xmpp.resource}. By
         * default {@code app@<domain>/bot}, like App Engine's {@code your_app_id@appspot.com/bot}.
         */
        Optional<String> defaultSender();

        /**
         * The server's own domain, which the component pings (XEP-0199) for keepalive and to learn that what it
         * wrote was processed; by default the component's domain without its first label ({@code example.org} for
         * {@code app.example.org}).
         */
        Optional<String> serverDomain();

        /**
         * How many replicas connect, with a shared store ({@code gateway.store=redis}): {@code one} (Prosody, which
         * takes one connection per component) — the replica holding the lease ({@code xmpp.lease.ttl}) connects,
         * the others stand by (not ready) and take over when it goes; or {@code all} (ejabberd, which balances the
         * domain between its connections). With the memory store the one replica connects either way.
         */
        @WithDefault("one")
        Connections connections();

        /** Which replicas of the gateway connect as the component. */
        enum Connections {
            /** The lease holder only. */
            ONE,
            /** Every replica. */
            ALL
        }
    }

    /** Reconnection after the connection drops or cannot be made. */
    Reconnect reconnect();

    /**
     * Which of several replicas receives what is sent to the account's bare JID; in component mode, which one holds
     * the component's connection ({@code xmpp.component.connections=one}).
     */
    Lease lease();

    /**
     * One replica is active: it holds a lease in the shared store ({@code gateway.store}) and announces presence with
     * priority 0; the others announce priority -1, so the server routes messages for the bare JID only to the active
     * one (RFC 6121 §8.5.2.1.1). With one replica (or the memory store) that replica is always active.
     */
    interface Lease {
        /**
         * How long the active replica's lease lasts unless renewed (every third of it, while its stream is up): a
         * standby takes over within about this long after the active replica dies. Shorter fails over sooner but
         * makes a store hiccup end the lease more easily.
         */
        @WithDefault("6s")
        Duration ttl();
    }

    /**
     * Hard cap on one inbound stanza, in bytes on the wire: above it the stream is closed with
     * {@code policy-violation} and reconnected. Stanzas over the app limit ({@code gateway.limits.message-bytes})
     * but under this cap are reported without being dispatched, and the stream stays up.
     */
    @WithDefault("524288")
    @Min(1024)
    int maxStanzaBytes();

    /**
     * Hard cap on the roster the server answers at login, in bytes on the wire: it is one stanza (some 100 bytes a
     * contact), read with this bound instead of {@code max-stanza-bytes}, its items counted and dropped as they pass.
     */
    @WithDefault("67108864")
    @Min(1024)
    @Max(1073741824)
    long maxRosterBytes();

    /**
     * Inbound stanzas the server waits for the gateway to acknowledge, at most: read, and not yet covered by
     * {@code h} because it or one before it is still being handled (handler beans returned, the webhook accepted
     * it). At this many the gateway stops reading from the server until half of them are acknowledged: a slow or
     * unreachable app makes stanzas wait at the server, not pile up in memory or get dropped. One stanza that is
     * never handed back holds all that follow (XEP-0198's {@code h} counts "everything up to here").
     */
    @WithDefault("1000")
    @Min(2)
    int maxUnhandled();

    /** The bytes on the wire of those stanzas, at most: reading stops at this many too, until half are handled. */
    @WithDefault("33554432")
    @Min(2)
    long maxUnhandledBytes();

    /** How long {@code IqClient.send} waits for an answer by default (slixmpp's {@code response_timeout}). */
    @WithDefault("30s")
    Duration responseTimeout();

    /** IQ handling. */
    Iq iq();

    /** How the gateway describes itself to XEP-0030 disco#info. */
    Disco disco();

    /** XEP-0198 stream management: acknowledgements and resumption. */
    StreamManagement sm();

    /** XEP-0198 stream management. */
    interface StreamManagement {
        /** Whether to enable it when the server offers it. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Each batch of stanzas written asks for an acknowledgement ({@code <r/>}) unless one is already on its way;
         * this many stanzas written since the last request ask again even then.
         */
        @WithDefault("100")
        @Min(1)
        int ackRequestEvery();

        /** An acknowledgement not answered within this time means a dead link: reconnect and resume. */
        @WithDefault("20s")
        Duration ackTimeout();

        /** How long shutdown waits for the server to acknowledge what was written before closing the stream. */
        @WithDefault("5s")
        Duration shutdownDrain();

        /** Stanzas written or waiting and not yet acknowledged, at most; beyond it sends fail with 503. */
        @WithDefault("10000")
        @Min(1)
        int maxUnacked();

        /**
         * Bytes of those stanzas, at most: once they reach it sends fail with 503 until acknowledgements free room.
         * Bounds the memory the queue can take whatever the stanzas' size.
         */
        @WithDefault("33554432")
        @Min(1)
        long maxUnackedBytes();
    }

    /** IQ handling. */
    interface Iq {
        /** The answer to a get or set no handler takes (RFC 6120 §8.4 allows either). */
        enum UnhandledReply {
            /** slixmpp's answer. */
            FEATURE_NOT_IMPLEMENTED,
            /** RFC 6120 §8.4's suggestion for an entity that does not handle the namespace. */
            SERVICE_UNAVAILABLE
        }

        /** {@code feature-not-implemented} (slixmpp's rule) or {@code service-unavailable}. */
        @WithDefault("feature-not-implemented")
        UnhandledReply unhandledReply();

        /** Outgoing IQs awaiting an answer at most; more fail at once rather than queue. */
        @WithDefault("1000")
        @Min(1)
        int maxPending();
    }

    /**
     * XEP-0030 identities, each {@code category/type} from the registry (e.g. {@code client/bot}); the features are
     * the namespaces of the IQ handlers.
     */
    interface Disco {
        /** The name every identity carries. */
        @WithDefault("XMPP Gateway")
        String name();

        /** The identity of the gateway's JID (client mode) and of each address of a component's domain. */
        @WithDefault("client/bot")
        @Pattern(regexp = IDENTITY, message = "must be category/type, e.g. client/bot")
        String identity();

        /** The identity of a component's domain itself. */
        @WithDefault("component/generic")
        @Pattern(regexp = IDENTITY, message = "must be category/type, e.g. component/generic")
        String domainIdentity();

        /** A category and a type, each without white space or {@code /}. */
        String IDENTITY = "[^/\\s]+/[^/\\s]+";
    }

    /** A trust store: PEM certificates ({@code .pem}, {@code .crt}), PKCS#12 ({@code .p12}, {@code .pfx}) or JKS. */
    interface TrustStore {
        /** Path of the trust store file. */
        Optional<String> path();

        /** Its password (PKCS#12 and JKS). A secret. */
        Optional<String> password();

        /** {@code pem}, {@code pkcs12} or {@code jks}; by default from the file's extension. */
        Optional<String> type();
    }

    /** Exponential backoff with jitter, capped. */
    interface Reconnect {
        /** The delay before the first retry. */
        @WithDefault("1s")
        Duration initialDelay();

        /** The longest delay between two attempts. */
        @WithDefault("60s")
        Duration maxDelay();

        /** The factor the delay grows by after each failed attempt. */
        @WithDefault("2.0")
        @DecimalMin("1.0")
        double multiplier();

        /** The fraction of each delay that is random, so that many gateways do not reconnect in step. */
        @WithDefault("0.5")
        @DecimalMin("0.0")
        @DecimalMax("1.0")
        double jitter();

        /**
         * How long a session must stay up before the backoff starts over: one lost sooner (a server that drops the
         * gateway right after login) backs off like a connection that never came up.
         */
        @WithDefault("60s")
        Duration stableAfter();

        /**
         * How many sessions lost in a row, each before it stayed up {@link #stableAfter()}, make the session
         * flapping: readiness DOWN (state {@code flapping}, with the last error) until one stays up that long, so
         * that traffic goes to a replica that can deliver. Fewer losses are blips and leave readiness alone; 1 takes
         * the pod out of service on any loss soon after login.
         */
        @WithDefault("3")
        @Min(1)
        int flappingAfter();

        /**
         * The wait after {@code <conflict/>} (another client bound the gateway's resource, RFC 6120 §4.9.3.3):
         * reconnecting at once would take the resource back and start a fight.
         */
        @WithDefault("5m")
        Duration conflictDelay();
    }
}
